using DeputyPerformance.Domain.Common;
using DeputyPerformance.Domain.Persistence;
using FluentValidation;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace DeputyPerformance.Domain.Ballots;

public sealed class SatisfactionRulesInput
{
    public int Year { get; set; }
    public int CompetentFromPercent { get; set; } = SatisfactionRuleSet.DefaultCompetentFromPercent;
    public int BasicFromPercent { get; set; } = SatisfactionRuleSet.DefaultBasicFromPercent;
    public int ExitReviewBelowPercent { get; set; } = SatisfactionRuleSet.DefaultExitReviewBelowPercent;
    public int RectificationAbovePercent { get; set; } = SatisfactionRuleSet.DefaultRectificationAbovePercent;
    public int MinimumAttendance { get; set; } = SatisfactionRuleSet.DefaultMinimumAttendance;
    public int RectificationDueDays { get; set; } = SatisfactionRuleSet.DefaultRectificationDueDays;
    public GradingDenominator DepartmentDenominator { get; set; } = GradingDenominator.AllMembers;
    public bool RequireSecondEntry { get; set; } = true;
}

public sealed class SatisfactionRulesValidator : AbstractValidator<SatisfactionRulesInput>
{
    public SatisfactionRulesValidator()
    {
        RuleFor(x => x.Year).InclusiveBetween(1949, 2200).WithText("Rules_YearRange");
        RuleFor(x => x.CompetentFromPercent).InclusiveBetween(1, 100).WithText("SatRules_Percent");
        RuleFor(x => x.BasicFromPercent).InclusiveBetween(0, 100).LessThanOrEqualTo(x => x.CompetentFromPercent).WithText("SatRules_BandsOrder");
        RuleFor(x => x.ExitReviewBelowPercent).InclusiveBetween(0, 100).WithText("SatRules_Percent");
        RuleFor(x => x.RectificationAbovePercent).InclusiveBetween(0, 100).WithText("SatRules_Percent");
        RuleFor(x => x.MinimumAttendance).InclusiveBetween(1, 100_000).WithText("Report_MinimumPositive");
        RuleFor(x => x.RectificationDueDays).InclusiveBetween(1, 366).WithText("SatRules_DueDays");
        RuleFor(x => x.DepartmentDenominator).IsInEnum().WithText("ValueInvalid");
    }
}

/// <summary>A year's satisfaction rules: stored when an administrator saved them, else the shipped defaults.</summary>
public sealed class SatisfactionRuleService(IDbContextFactory<DeputyDbContext> factory, SatisfactionRulesValidator validator, ILogger<SatisfactionRuleService> logger)
{
    public async Task<(SatisfactionRulesInput Rules, bool IsSaved)> GetAsync(int year, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var stored = await db.SatisfactionRuleSets.AsNoTracking().FirstOrDefaultAsync(r => r.Year == year, ct);
        var r = stored ?? SatisfactionRuleSet.Defaults(year);
        return (new SatisfactionRulesInput
        {
            Year = year, CompetentFromPercent = r.CompetentFromPercent, BasicFromPercent = r.BasicFromPercent, ExitReviewBelowPercent = r.ExitReviewBelowPercent,
            RectificationAbovePercent = r.RectificationAbovePercent, MinimumAttendance = r.MinimumAttendance, RectificationDueDays = r.RectificationDueDays,
            DepartmentDenominator = r.DepartmentDenominator, RequireSecondEntry = r.RequireSecondEntry,
        }, stored is not null);
    }

    public async Task SaveAsync(Caller caller, SatisfactionRulesInput input, CancellationToken ct = default)
    {
        Guard.Allow(caller.IsAdministrator, caller, "SatisfactionRules.Save", logger, input.Year);
        await validator.EnsureValidAsync(input, ct);
        await using var db = await factory.CreateDbContextAsync(ct);
        db.AuditActor = caller.UserName;
        var rules = await db.SatisfactionRuleSets.FirstOrDefaultAsync(r => r.Year == input.Year, ct);
        if (rules is null)
        {
            rules = new SatisfactionRuleSet(input.Year);
            db.SatisfactionRuleSets.Add(rules);
        }

        rules.CompetentFromPercent = input.CompetentFromPercent;
        rules.BasicFromPercent = input.BasicFromPercent;
        rules.ExitReviewBelowPercent = input.ExitReviewBelowPercent;
        rules.RectificationAbovePercent = input.RectificationAbovePercent;
        rules.MinimumAttendance = input.MinimumAttendance;
        rules.RectificationDueDays = input.RectificationDueDays;
        rules.DepartmentDenominator = input.DepartmentDenominator;
        rules.RequireSecondEntry = input.RequireSecondEntry;
        await db.SaveChangesAsync(ct);
    }
}
