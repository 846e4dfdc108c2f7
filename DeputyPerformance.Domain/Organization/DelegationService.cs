using System.Linq.Expressions;
using DeputyPerformance.Domain.Common;
using DeputyPerformance.Domain.Persistence;
using FluentValidation;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace DeputyPerformance.Domain.Organization;

public sealed class DelegationInput : IMasterDataInput
{
    public int? Id { get; set; }
    public string Name { get; set; } = "";
}

public sealed class DelegationRow
{
    public int Id { get; init; }
    public string Name { get; init; } = "";
}

public sealed class DelegationValidator : AbstractValidator<DelegationInput>
{
    public DelegationValidator()
    {
        RuleFor(x => x.Name).NotEmpty().WithText("NameRequired").MaximumLength(50).WithText("NameTooLong");
    }
}

public sealed class DelegationService(IDbContextFactory<DeputyDbContext> factory, DelegationValidator validator, ILogger<DelegationService> logger)
    : MasterDataService<Delegation, DelegationInput, DelegationRow>(factory, validator, logger)
{
    protected override string FeatureName => "Delegation";
    protected override string DefaultSort => nameof(DelegationRow.Name);
    protected override IReadOnlyDictionary<string, Expression<Func<DelegationRow, object?>>> SortColumns { get; } =
        new Dictionary<string, Expression<Func<DelegationRow, object?>>> { [nameof(DelegationRow.Name)] = r => r.Name };

    protected override IQueryable<Delegation> Visible(DeputyDbContext db, Caller caller) => db.Delegations;
    protected override Expression<Func<Delegation, DelegationRow>> ToRow => t => new DelegationRow { Id = t.Id, Name = t.Name };
    protected override Expression<Func<DelegationRow, bool>> Matches(string search) => r => r.Name.Contains(search);
    protected override Expression<Func<Delegation, int>> IdOf => t => t.Id;
    protected override bool CanRead(Caller caller) => OrganizationPolicy.CanReadCountyLists(caller);
    protected override bool CanSee(Caller caller, Delegation entity) => true;
    protected override bool CanWrite(Caller caller, DelegationInput input) => OrganizationPolicy.CanWriteCountyLists(caller);
    protected override bool CanDelete(Caller caller, Delegation entity) => OrganizationPolicy.CanWriteCountyLists(caller);
    protected override Delegation Create(DelegationInput input) => new(input.Name.Trim());
    protected override void Apply(Delegation entity, DelegationInput input) => entity.Rename(input.Name.Trim());
    protected override DelegationInput ToInput(Delegation e) => new() { Id = e.Id, Name = e.Name };

    protected override async Task CheckConsistencyAsync(DeputyDbContext db, DelegationInput input, CancellationToken ct)
    {
        var name = input.Name.Trim();
        if (await db.Delegations.AnyAsync(t => t.Name == name && t.Id != input.Id, ct))
        {
            throw new DomainException("DuplicateName", name);
        }
    }
}
