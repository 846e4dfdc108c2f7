using System.Linq.Expressions;
using DeputyPerformance.Domain.Common;
using DeputyPerformance.Domain.Persistence;
using FluentValidation;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace DeputyPerformance.Domain.Organization;

public sealed class TownInput : IMasterDataInput
{
    public int? Id { get; set; }
    public string Name { get; set; } = "";
    public TownKind Kind { get; set; } = TownKind.Town;
}

public sealed class TownRow
{
    public int Id { get; init; }
    public string Name { get; init; } = "";
    public TownKind Kind { get; init; }
}

public sealed class TownValidator : AbstractValidator<TownInput>
{
    public TownValidator()
    {
        RuleFor(x => x.Name).NotEmpty().WithText("NameRequired").MaximumLength(50).WithText("NameTooLong");
        RuleFor(x => x.Kind).IsInEnum().WithText("ValueInvalid");
    }
}

public sealed class TownService(IDbContextFactory<DeputyDbContext> factory, TownValidator validator, ILogger<TownService> logger)
    : MasterDataService<Town, TownInput, TownRow>(factory, validator, logger)
{
    protected override string FeatureName => "Town";
    protected override string DefaultSort => nameof(TownRow.Name);
    protected override IReadOnlyDictionary<string, Expression<Func<TownRow, object?>>> SortColumns { get; } =
        new Dictionary<string, Expression<Func<TownRow, object?>>>
        {
            [nameof(TownRow.Name)] = r => r.Name,
            [nameof(TownRow.Kind)] = r => r.Kind,
        };

    protected override IQueryable<Town> Visible(DeputyDbContext db, Caller caller) => db.Towns;
    protected override Expression<Func<Town, TownRow>> ToRow => t => new TownRow { Id = t.Id, Name = t.Name, Kind = t.Kind };
    protected override Expression<Func<TownRow, bool>> Matches(string search) => r => r.Name.Contains(search);
    protected override Expression<Func<Town, int>> IdOf => t => t.Id;
    protected override bool CanRead(Caller caller) => OrganizationPolicy.CanReadCountyLists(caller);
    protected override bool CanSee(Caller caller, Town entity) => true;
    protected override bool CanWrite(Caller caller, TownInput input) => OrganizationPolicy.CanWriteCountyLists(caller);
    protected override bool CanDelete(Caller caller, Town entity) => OrganizationPolicy.CanWriteCountyLists(caller);
    protected override Town Create(TownInput input) => new(input.Name.Trim(), input.Kind);
    protected override void Apply(Town entity, TownInput input) => entity.Update(input.Name.Trim(), input.Kind);
    protected override TownInput ToInput(Town e) => new() { Id = e.Id, Name = e.Name, Kind = e.Kind };

    protected override async Task CheckConsistencyAsync(DeputyDbContext db, TownInput input, CancellationToken ct)
    {
        var name = input.Name.Trim();
        if (await db.Towns.AnyAsync(t => t.Name == name && t.Id != input.Id, ct))
        {
            throw new DomainException("DuplicateName", name);
        }
    }
}
