using System.Linq.Expressions;
using DeputyPerformance.Domain.Common;
using DeputyPerformance.Domain.Persistence;
using FluentValidation;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace DeputyPerformance.Domain.Organization;

public sealed class TermInput : IMasterDataInput
{
    public int? Id { get; set; }
    public string Name { get; set; } = "";
    public int StartYear { get; set; } = DateTime.Today.Year;
    public int EndYear { get; set; } = DateTime.Today.Year + 5;
}

public sealed class TermRow
{
    public int Id { get; init; }
    public string Name { get; init; } = "";
    public int StartYear { get; init; }
    public int EndYear { get; init; }
}

public sealed class TermValidator : AbstractValidator<TermInput>
{
    public TermValidator()
    {
        RuleFor(x => x.Name).NotEmpty().WithText("Term_NameRequired").MaximumLength(20).WithText("Term_NameTooLong");
        RuleFor(x => x.StartYear).InclusiveBetween(1949, 2200).WithText("Term_YearOutOfRange");
        RuleFor(x => x.EndYear).GreaterThan(x => x.StartYear).WithText("Term_EndBeforeStart")
            .Must((x, end) => end - x.StartYear <= 10).WithText("Term_TooLong");
    }
}

public sealed class TermService(IDbContextFactory<DeputyDbContext> factory, TermValidator validator, ILogger<TermService> logger)
    : MasterDataService<Term, TermInput, TermRow>(factory, validator, logger)
{
    protected override string FeatureName => "Term";
    protected override string DefaultSort => nameof(TermRow.StartYear);
    protected override IReadOnlyDictionary<string, Expression<Func<TermRow, object?>>> SortColumns { get; } =
        new Dictionary<string, Expression<Func<TermRow, object?>>>
        {
            [nameof(TermRow.Name)] = r => r.Name,
            [nameof(TermRow.StartYear)] = r => r.StartYear,
            [nameof(TermRow.EndYear)] = r => r.EndYear,
        };

    protected override IQueryable<Term> Visible(DeputyDbContext db, Caller caller) => db.Terms;
    protected override Expression<Func<Term, TermRow>> ToRow =>
        t => new TermRow { Id = t.Id, Name = t.Name, StartYear = t.StartYear, EndYear = t.EndYear };
    protected override Expression<Func<TermRow, bool>> Matches(string search) => r => r.Name.Contains(search);
    protected override Expression<Func<Term, int>> IdOf => t => t.Id;
    protected override bool CanRead(Caller caller) => OrganizationPolicy.CanReadCountyLists(caller);
    protected override bool CanSee(Caller caller, Term entity) => true;
    protected override bool CanWrite(Caller caller, TermInput input) => OrganizationPolicy.CanWriteCountyLists(caller);
    protected override bool CanDelete(Caller caller, Term entity) => OrganizationPolicy.CanWriteCountyLists(caller);
    protected override Term Create(TermInput input) => new(input.Name.Trim(), input.StartYear, input.EndYear);
    protected override void Apply(Term entity, TermInput input) => entity.Update(input.Name.Trim(), input.StartYear, input.EndYear);
    protected override TermInput ToInput(Term e) => new() { Id = e.Id, Name = e.Name, StartYear = e.StartYear, EndYear = e.EndYear };

    protected override async Task CheckConsistencyAsync(DeputyDbContext db, TermInput input, CancellationToken ct)
    {
        var name = input.Name.Trim();
        if (await db.Terms.AnyAsync(t => t.Name == name && t.Id != input.Id, ct))
        {
            throw new DomainException("DuplicateName", name);
        }
    }
}
