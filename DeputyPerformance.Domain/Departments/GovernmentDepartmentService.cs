using System.Linq.Expressions;
using DeputyPerformance.Domain.Common;
using DeputyPerformance.Domain.Organization;
using DeputyPerformance.Domain.Persistence;
using FluentValidation;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace DeputyPerformance.Domain.Departments;

public sealed class GovernmentDepartmentInput : IMasterDataInput
{
    public int? Id { get; set; }
    public string Name { get; set; } = "";
    public DepartmentKind Kind { get; set; } = DepartmentKind.Constituent;
    public string? Head { get; set; }
    public DateOnly? ActiveFrom { get; set; }
    public DateOnly? ActiveTo { get; set; }
}

public sealed class GovernmentDepartmentRow
{
    public int Id { get; init; }
    public string Name { get; init; } = "";
    public DepartmentKind Kind { get; init; }
    public string? Head { get; init; }
    public DateOnly? ActiveFrom { get; init; }
    public DateOnly? ActiveTo { get; init; }
}

public sealed class GovernmentDepartmentValidator : AbstractValidator<GovernmentDepartmentInput>
{
    public GovernmentDepartmentValidator()
    {
        RuleFor(x => x.Name).NotEmpty().WithText("NameRequired").MaximumLength(GovernmentDepartment.MaxNameLength).WithText("NameTooLong");
        RuleFor(x => x.Kind).IsInEnum().WithText("ValueInvalid");
        RuleFor(x => x.Head).MaximumLength(GovernmentDepartment.MaxHeadLength).WithText("NameTooLong");
        RuleFor(x => x.ActiveTo).GreaterThanOrEqualTo(x => x.ActiveFrom).When(x => x.ActiveFrom is not null && x.ActiveTo is not null)
            .WithText("Department_ActiveOrder");
    }
}

public sealed class GovernmentDepartmentService(IDbContextFactory<DeputyDbContext> factory, GovernmentDepartmentValidator validator, ILogger<GovernmentDepartmentService> logger)
    : MasterDataService<GovernmentDepartment, GovernmentDepartmentInput, GovernmentDepartmentRow>(factory, validator, logger)
{
    protected override string FeatureName => "GovernmentDepartment";
    protected override string DefaultSort => nameof(GovernmentDepartmentRow.Name);
    protected override IReadOnlyDictionary<string, Expression<Func<GovernmentDepartmentRow, object?>>> SortColumns { get; } =
        new Dictionary<string, Expression<Func<GovernmentDepartmentRow, object?>>>
        {
            [nameof(GovernmentDepartmentRow.Name)] = r => r.Name,
            [nameof(GovernmentDepartmentRow.Kind)] = r => r.Kind,
            [nameof(GovernmentDepartmentRow.Head)] = r => r.Head,
            [nameof(GovernmentDepartmentRow.ActiveFrom)] = r => r.ActiveFrom,
            [nameof(GovernmentDepartmentRow.ActiveTo)] = r => r.ActiveTo,
        };

    protected override IQueryable<GovernmentDepartment> Visible(DeputyDbContext db, Caller caller) => db.GovernmentDepartments;
    protected override Expression<Func<GovernmentDepartment, GovernmentDepartmentRow>> ToRow =>
        d => new GovernmentDepartmentRow { Id = d.Id, Name = d.Name, Kind = d.Kind, Head = d.Head, ActiveFrom = d.ActiveFrom, ActiveTo = d.ActiveTo };
    protected override Expression<Func<GovernmentDepartmentRow, bool>> Matches(string search) => r => r.Name.Contains(search);
    protected override Expression<Func<GovernmentDepartment, int>> IdOf => t => t.Id;
    protected override bool CanRead(Caller caller) => OrganizationPolicy.CanReadCountyLists(caller);
    protected override bool CanSee(Caller caller, GovernmentDepartment entity) => true;
    protected override bool CanWrite(Caller caller, GovernmentDepartmentInput input) => OrganizationPolicy.CanWriteCountyLists(caller);
    protected override bool CanDelete(Caller caller, GovernmentDepartment entity) => OrganizationPolicy.CanWriteCountyLists(caller);
    protected override GovernmentDepartment Create(GovernmentDepartmentInput input) =>
        new(input.Name.Trim(), input.Kind, input.Head, input.ActiveFrom, input.ActiveTo);
    protected override void Apply(GovernmentDepartment entity, GovernmentDepartmentInput input) =>
        entity.Update(input.Name.Trim(), input.Kind, input.Head, input.ActiveFrom, input.ActiveTo);
    protected override GovernmentDepartmentInput ToInput(GovernmentDepartment e) => new()
    {
        Id = e.Id, Name = e.Name, Kind = e.Kind, Head = e.Head,
        ActiveFrom = e.ActiveFrom, ActiveTo = e.ActiveTo,
    };

    protected override async Task CheckConsistencyAsync(DeputyDbContext db, GovernmentDepartmentInput input, CancellationToken ct)
    {
        var name = input.Name.Trim();
        if (await db.GovernmentDepartments.AnyAsync(t => t.Name == name && t.Id != input.Id, ct))
        {
            throw new DomainException("DuplicateName", name);
        }
    }
}
