using System.Linq.Expressions;
using DeputyPerformance.Domain.Common;
using DeputyPerformance.Domain.Persistence;
using FluentValidation;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace DeputyPerformance.Domain.Organization;

public sealed class LiaisonStationInput : IMasterDataInput
{
    public int? Id { get; set; }
    public string Name { get; set; } = "";
    public StationKind Kind { get; set; } = StationKind.Village;
    public int TownId { get; set; }
}

public sealed class LiaisonStationRow
{
    public int Id { get; init; }
    public string Name { get; init; } = "";
    public StationKind Kind { get; init; }
    public int TownId { get; init; }
    public string TownName { get; init; } = "";
}

public sealed class LiaisonStationValidator : AbstractValidator<LiaisonStationInput>
{
    public LiaisonStationValidator()
    {
        RuleFor(x => x.Name).NotEmpty().WithText("NameRequired").MaximumLength(80).WithText("NameTooLong");
        RuleFor(x => x.Kind).IsInEnum().WithText("ValueInvalid");
        RuleFor(x => x.TownId).GreaterThan(0).WithText("TownRequired");
    }
}

public sealed class LiaisonStationService(IDbContextFactory<DeputyDbContext> factory, LiaisonStationValidator validator, ILogger<LiaisonStationService> logger)
    : MasterDataService<LiaisonStation, LiaisonStationInput, LiaisonStationRow>(factory, validator, logger)
{
    protected override string FeatureName => "LiaisonStation";
    protected override string DefaultSort => nameof(LiaisonStationRow.TownName);
    protected override IReadOnlyDictionary<string, Expression<Func<LiaisonStationRow, object?>>> SortColumns { get; } =
        new Dictionary<string, Expression<Func<LiaisonStationRow, object?>>>
        {
            [nameof(LiaisonStationRow.Name)] = r => r.Name,
            [nameof(LiaisonStationRow.Kind)] = r => r.Kind,
            [nameof(LiaisonStationRow.TownName)] = r => r.TownName,
        };

    protected override IQueryable<LiaisonStation> Visible(DeputyDbContext db, Caller caller) =>
        caller.IsTownClerk ? db.LiaisonStations.Where(d => d.TownId == caller.TownId) : db.LiaisonStations;
    protected override Expression<Func<LiaisonStation, LiaisonStationRow>> ToRow =>
        d => new LiaisonStationRow { Id = d.Id, Name = d.Name, Kind = d.Kind, TownId = d.TownId, TownName = d.Town!.Name };
    protected override Expression<Func<LiaisonStationRow, bool>> Matches(string search) =>
        r => r.Name.Contains(search) || r.TownName.Contains(search);
    protected override Expression<Func<LiaisonStation, int>> IdOf => t => t.Id;
    protected override bool CanRead(Caller caller) => OrganizationPolicy.CanReadCountyLists(caller);
    protected override bool CanSee(Caller caller, LiaisonStation entity) => OrganizationPolicy.CanReadTown(caller, entity.TownId);
    protected override bool CanWrite(Caller caller, LiaisonStationInput input) => OrganizationPolicy.CanWriteTown(caller, input.TownId);
    protected override bool CanDelete(Caller caller, LiaisonStation entity) => OrganizationPolicy.CanWriteTown(caller, entity.TownId);
    protected override LiaisonStation Create(LiaisonStationInput input) => new(input.Name.Trim(), input.Kind, input.TownId);
    protected override void Apply(LiaisonStation entity, LiaisonStationInput input) => entity.Update(input.Name.Trim(), input.Kind, input.TownId);
    protected override LiaisonStationInput ToInput(LiaisonStation e) => new() { Id = e.Id, Name = e.Name, Kind = e.Kind, TownId = e.TownId };

    protected override async Task CheckConsistencyAsync(DeputyDbContext db, LiaisonStationInput input, CancellationToken ct)
    {
        var name = input.Name.Trim();
        if (!await db.Towns.AnyAsync(t => t.Id == input.TownId, ct))
        {
            throw new DomainException("TownRequired");
        }

        if (await db.LiaisonStations.AnyAsync(d => d.TownId == input.TownId && d.Name == name && d.Id != input.Id, ct))
        {
            throw new DomainException("DuplicateName", name);
        }
    }
}
