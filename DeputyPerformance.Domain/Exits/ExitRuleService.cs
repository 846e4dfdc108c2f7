using DeputyPerformance.Domain.Common;
using DeputyPerformance.Domain.Persistence;
using FluentValidation;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace DeputyPerformance.Domain.Exits;

public sealed class ExitRulesInput
{
    public int Year { get; set; }
    public string CongressAbsenceCategory { get; set; } = ExitRuleSet.DefaultCongressAbsenceCategory;
    public string RecessAbsenceCategory { get; set; } = ExitRuleSet.DefaultRecessAbsenceCategory;
    public int CongressAbsencesPerTerm { get; set; } = ExitRuleSet.DefaultCongressAbsencesPerTerm;
    public int RecessAbsencesPerYear { get; set; } = ExitRuleSet.DefaultRecessAbsencesPerYear;
    public int PoorYearsInRow { get; set; } = ExitRuleSet.DefaultPoorYearsInRow;
    public int WarningTalkPoorYears { get; set; } = ExitRuleSet.DefaultWarningTalkPoorYears;
    public int RecallPetitionCounty { get; set; } = ExitRuleSet.DefaultRecallPetitionCounty;
    public int RecallPetitionTown { get; set; } = ExitRuleSet.DefaultRecallPetitionTown;
    public int DefenceDays { get; set; } = ExitRuleSet.DefaultDefenceDays;
}

public sealed class ExitRulesValidator : AbstractValidator<ExitRulesInput>
{
    public ExitRulesValidator()
    {
        RuleFor(x => x.Year).InclusiveBetween(1949, 2200).WithText("Rules_YearRange");
        RuleFor(x => x.CongressAbsenceCategory).NotEmpty().WithText("ExitRules_Category").MaximumLength(40).WithText("ExitRules_Category");
        RuleFor(x => x.RecessAbsenceCategory).NotEmpty().WithText("ExitRules_Category").MaximumLength(40).WithText("ExitRules_Category");
        RuleFor(x => x.CongressAbsencesPerTerm).InclusiveBetween(1, 100).WithText("ExitRules_Count");
        RuleFor(x => x.RecessAbsencesPerYear).InclusiveBetween(1, 100).WithText("ExitRules_Count");
        RuleFor(x => x.PoorYearsInRow).InclusiveBetween(1, 10).WithText("ExitRules_Count");
        RuleFor(x => x.WarningTalkPoorYears).InclusiveBetween(0, 10).WithText("ExitRules_Count");
        RuleFor(x => x.RecallPetitionCounty).InclusiveBetween(1, 100_000).WithText("ExitRules_Count");
        RuleFor(x => x.RecallPetitionTown).InclusiveBetween(1, 100_000).WithText("ExitRules_Count");
        RuleFor(x => x.DefenceDays).InclusiveBetween(1, 365).WithText("ExitRules_Count");
    }
}

/// <summary>A year's exit rules: stored when an administrator saved them, else the shipped defaults. Saving brings every flag up to date.</summary>
public sealed class ExitRuleService(IDbContextFactory<DeputyDbContext> factory, ExitRulesValidator validator, ExitFlagService flags, ILogger<ExitRuleService> logger)
{
    public async Task<(ExitRulesInput Rules, bool IsSaved)> GetAsync(int year, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var stored = await db.ExitRuleSets.AsNoTracking().FirstOrDefaultAsync(r => r.Year == year, ct);
        var r = stored ?? ExitRuleSet.Defaults(year);
        return (new ExitRulesInput
        {
            Year = year, CongressAbsenceCategory = r.CongressAbsenceCategory, RecessAbsenceCategory = r.RecessAbsenceCategory,
            CongressAbsencesPerTerm = r.CongressAbsencesPerTerm, RecessAbsencesPerYear = r.RecessAbsencesPerYear, PoorYearsInRow = r.PoorYearsInRow,
            WarningTalkPoorYears = r.WarningTalkPoorYears, RecallPetitionCounty = r.RecallPetitionCounty, RecallPetitionTown = r.RecallPetitionTown,
            DefenceDays = r.DefenceDays,
        }, stored is not null);
    }

    public async Task<ExitReconcileResult> SaveAsync(Caller caller, ExitRulesInput input, CancellationToken ct = default)
    {
        Guard.Allow(caller.IsAdministrator, caller, "ExitRules.Save", logger, input.Year);
        await validator.EnsureValidAsync(input, ct);
        await using (var db = await factory.CreateDbContextAsync(ct))
        {
            db.AuditActor = caller.UserName;
            var rules = await db.ExitRuleSets.FirstOrDefaultAsync(r => r.Year == input.Year, ct);
            if (rules is null)
            {
                rules = new ExitRuleSet(input.Year);
                db.ExitRuleSets.Add(rules);
            }

            rules.CongressAbsenceCategory = input.CongressAbsenceCategory.Trim();
            rules.RecessAbsenceCategory = input.RecessAbsenceCategory.Trim();
            rules.CongressAbsencesPerTerm = input.CongressAbsencesPerTerm;
            rules.RecessAbsencesPerYear = input.RecessAbsencesPerYear;
            rules.PoorYearsInRow = input.PoorYearsInRow;
            rules.WarningTalkPoorYears = input.WarningTalkPoorYears;
            rules.RecallPetitionCounty = input.RecallPetitionCounty;
            rules.RecallPetitionTown = input.RecallPetitionTown;
            rules.DefenceDays = input.DefenceDays;
            await db.SaveChangesAsync(ct);
        }

        return await flags.RefreshAllAsync(caller, ExitReconcileReasons.RulesChanged, ct);
    }
}
