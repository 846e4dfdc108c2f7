using System.Linq.Expressions;
using DeputyPerformance.Domain.Common;
using DeputyPerformance.Domain.Persistence;
using FluentValidation;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace DeputyPerformance.Domain.Organization;

public sealed class ElectoralDistrictInput : IMasterDataInput
{
    public int? Id { get; set; }
    public string Name { get; set; } = "";
    public int TownId { get; set; }
    /// <summary>The district's registered voters (a recall passes with more than half of them); empty until known.</summary>
    public int? RegisteredVoters { get; set; }
}

public sealed class ElectoralDistrictRow
{
    public int Id { get; init; }
    public string Name { get; init; } = "";
    public int TownId { get; init; }
    public string TownName { get; init; } = "";
    public int? RegisteredVoters { get; init; }
}

public sealed class ElectoralDistrictValidator : AbstractValidator<ElectoralDistrictInput>
{
    public ElectoralDistrictValidator()
    {
        RuleFor(x => x.Name).NotEmpty().WithText("NameRequired").MaximumLength(50).WithText("NameTooLong");
        RuleFor(x => x.TownId).GreaterThan(0).WithText("TownRequired");
        RuleFor(x => x.RegisteredVoters).InclusiveBetween(1, 10_000_000).When(x => x.RegisteredVoters is not null).WithText("District_VotersInvalid");
    }
}

public sealed class ElectoralDistrictService(IDbContextFactory<DeputyDbContext> factory, ElectoralDistrictValidator validator, ILogger<ElectoralDistrictService> logger)
    : MasterDataService<ElectoralDistrict, ElectoralDistrictInput, ElectoralDistrictRow>(factory, validator, logger)
{
    protected override string FeatureName => "ElectoralDistrict";
    protected override string DefaultSort => nameof(ElectoralDistrictRow.TownName);
    protected override IReadOnlyDictionary<string, Expression<Func<ElectoralDistrictRow, object?>>> SortColumns { get; } =
        new Dictionary<string, Expression<Func<ElectoralDistrictRow, object?>>>
        {
            [nameof(ElectoralDistrictRow.Name)] = r => r.Name,
            [nameof(ElectoralDistrictRow.TownName)] = r => r.TownName,
        };

    protected override IQueryable<ElectoralDistrict> Visible(DeputyDbContext db, Caller caller) =>
        caller.IsTownClerk ? db.ElectoralDistricts.Where(d => d.TownId == caller.TownId) : db.ElectoralDistricts;
    protected override Expression<Func<ElectoralDistrict, ElectoralDistrictRow>> ToRow =>
        d => new ElectoralDistrictRow { Id = d.Id, Name = d.Name, TownId = d.TownId, TownName = d.Town!.Name, RegisteredVoters = d.RegisteredVoters };
    protected override Expression<Func<ElectoralDistrictRow, bool>> Matches(string search) =>
        r => r.Name.Contains(search) || r.TownName.Contains(search);
    protected override Expression<Func<ElectoralDistrict, int>> IdOf => t => t.Id;
    protected override bool CanRead(Caller caller) => OrganizationPolicy.CanReadCountyLists(caller);
    protected override bool CanSee(Caller caller, ElectoralDistrict entity) => OrganizationPolicy.CanReadTown(caller, entity.TownId);
    protected override bool CanWrite(Caller caller, ElectoralDistrictInput input) => OrganizationPolicy.CanWriteTown(caller, input.TownId);
    protected override bool CanDelete(Caller caller, ElectoralDistrict entity) => OrganizationPolicy.CanWriteTown(caller, entity.TownId);
    protected override ElectoralDistrict Create(ElectoralDistrictInput input)
    {
        var district = new ElectoralDistrict(input.Name.Trim(), input.TownId);
        district.SetRegisteredVoters(input.RegisteredVoters);
        return district;
    }

    protected override void Apply(ElectoralDistrict entity, ElectoralDistrictInput input)
    {
        entity.Update(input.Name.Trim(), input.TownId);
        entity.SetRegisteredVoters(input.RegisteredVoters);
    }

    protected override ElectoralDistrictInput ToInput(ElectoralDistrict e) =>
        new() { Id = e.Id, Name = e.Name, TownId = e.TownId, RegisteredVoters = e.RegisteredVoters };

    protected override async Task CheckConsistencyAsync(DeputyDbContext db, ElectoralDistrictInput input, CancellationToken ct)
    {
        var name = input.Name.Trim();
        if (!await db.Towns.AnyAsync(t => t.Id == input.TownId, ct))
        {
            throw new DomainException("TownRequired");
        }

        if (await db.ElectoralDistricts.AnyAsync(d => d.TownId == input.TownId && d.Name == name && d.Id != input.Id, ct))
        {
            throw new DomainException("DuplicateName", name);
        }
    }
}
