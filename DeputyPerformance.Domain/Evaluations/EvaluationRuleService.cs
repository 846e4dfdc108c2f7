using DeputyPerformance.Domain.Common;
using DeputyPerformance.Domain.Persistence;
using FluentValidation;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace DeputyPerformance.Domain.Evaluations;

public sealed class EvaluationRulesInput
{
    public int Year { get; set; }
    public int MinDepartments { get; set; } = EvaluationRuleSet.DefaultMinDepartments;
    public int MaxDepartments { get; set; } = EvaluationRuleSet.DefaultMaxDepartments;
    public int RectificationMonths { get; set; } = EvaluationRuleSet.DefaultRectificationMonths;
    public bool BasicRecommendsRectification { get; set; } = EvaluationRuleSet.DefaultBasicRecommendsRectification;
}

public sealed class EvaluationRulesValidator : AbstractValidator<EvaluationRulesInput>
{
    public EvaluationRulesValidator()
    {
        RuleFor(x => x.Year).InclusiveBetween(1949, 2200).WithText("Rules_YearRange");
        RuleFor(x => x.MinDepartments).InclusiveBetween(1, 1000).WithText("EvalRules_Departments");
        RuleFor(x => x.MaxDepartments).InclusiveBetween(1, 1000).WithText("EvalRules_Departments")
            .GreaterThanOrEqualTo(x => x.MinDepartments).WithText("EvalRules_MinMax");
        RuleFor(x => x.RectificationMonths).InclusiveBetween(1, 24).WithText("EvalRules_Months");
    }
}

/// <summary>A year's evaluation rules: stored when an administrator saved them, else the shipped defaults.</summary>
public sealed class EvaluationRuleService(IDbContextFactory<DeputyDbContext> factory, EvaluationRulesValidator validator, ILogger<EvaluationRuleService> logger)
{
    public async Task<(EvaluationRulesInput Rules, bool IsSaved)> GetAsync(int year, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var stored = await db.EvaluationRuleSets.AsNoTracking().FirstOrDefaultAsync(r => r.Year == year, ct);
        var r = stored ?? EvaluationRuleSet.Defaults(year);
        return (new EvaluationRulesInput
        {
            Year = year, MinDepartments = r.MinDepartments, MaxDepartments = r.MaxDepartments, RectificationMonths = r.RectificationMonths,
            BasicRecommendsRectification = r.BasicRecommendsRectification,
        }, stored is not null);
    }

    public async Task SaveAsync(Caller caller, EvaluationRulesInput input, CancellationToken ct = default)
    {
        Guard.Allow(caller.IsAdministrator, caller, "EvaluationRules.Save", logger, input.Year);
        await validator.EnsureValidAsync(input, ct);
        await using var db = await factory.CreateDbContextAsync(ct);
        db.AuditActor = caller.UserName;
        var rules = await db.EvaluationRuleSets.FirstOrDefaultAsync(r => r.Year == input.Year, ct);
        if (rules is null)
        {
            rules = new EvaluationRuleSet(input.Year);
            db.EvaluationRuleSets.Add(rules);
        }

        rules.MinDepartments = input.MinDepartments;
        rules.MaxDepartments = input.MaxDepartments;
        rules.RectificationMonths = input.RectificationMonths;
        rules.BasicRecommendsRectification = input.BasicRecommendsRectification;
        await db.SaveChangesAsync(ct);
    }

    /// <summary>The rules in force for a year, inside an operation's own context.</summary>
    public static async Task<EvaluationRuleSet> EffectiveAsync(DeputyDbContext db, int year, CancellationToken ct) =>
        await db.EvaluationRuleSets.AsNoTracking().FirstOrDefaultAsync(r => r.Year == year, ct) ?? EvaluationRuleSet.Defaults(year);
}
