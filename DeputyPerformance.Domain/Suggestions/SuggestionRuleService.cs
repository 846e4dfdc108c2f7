using DeputyPerformance.Domain.Common;
using DeputyPerformance.Domain.Persistence;
using FluentValidation;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace DeputyPerformance.Domain.Suggestions;

public sealed class SuggestionRulesInput
{
    public int Year { get; set; }
    public int ReplyMonths { get; set; } = SuggestionRuleSet.DefaultReplyMonths;
    public int ExtendedReplyMonths { get; set; } = SuggestionRuleSet.DefaultExtendedReplyMonths;
    public int CoOpinionMonths { get; set; } = SuggestionRuleSet.DefaultCoOpinionMonths;
    public int RehandlingMonths { get; set; } = SuggestionRuleSet.DefaultRehandlingMonths;
    public int MaxRehandlings { get; set; } = SuggestionRuleSet.DefaultMaxRehandlings;
    public int DueSoonDays { get; set; } = SuggestionRuleSet.DefaultDueSoonDays;
    public bool CoSignersEarnDuty { get; set; } = SuggestionRuleSet.DefaultCoSignersEarnDuty;
}

public sealed class SuggestionRulesValidator : AbstractValidator<SuggestionRulesInput>
{
    public SuggestionRulesValidator()
    {
        RuleFor(x => x.Year).InclusiveBetween(1949, 2200).WithText("Rules_YearRange");
        RuleFor(x => x.ReplyMonths).InclusiveBetween(1, 24).WithText("SgRules_Months");
        RuleFor(x => x.ExtendedReplyMonths).InclusiveBetween(1, 36).WithText("SgRules_Months")
            .GreaterThan(x => x.ReplyMonths).WithText("SgRules_ExtendedLonger");
        RuleFor(x => x.CoOpinionMonths).InclusiveBetween(1, 24).WithText("SgRules_Months");
        RuleFor(x => x.RehandlingMonths).InclusiveBetween(1, 24).WithText("SgRules_Months");
        RuleFor(x => x.MaxRehandlings).InclusiveBetween(0, 5).WithText("SgRules_Rehandlings");
        RuleFor(x => x.DueSoonDays).InclusiveBetween(0, 90).WithText("SgRules_Days");
    }
}

/// <summary>A year's suggestion rules: stored when an administrator saved them, else the shipped defaults.</summary>
public sealed class SuggestionRuleService(IDbContextFactory<DeputyDbContext> factory, SuggestionRulesValidator validator, ILogger<SuggestionRuleService> logger)
{
    public async Task<(SuggestionRulesInput Rules, bool IsSaved)> GetAsync(int year, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var stored = await db.SuggestionRuleSets.AsNoTracking().FirstOrDefaultAsync(r => r.Year == year, ct);
        var r = stored ?? SuggestionRuleSet.Defaults(year);
        return (new SuggestionRulesInput
        {
            Year = year, ReplyMonths = r.ReplyMonths, ExtendedReplyMonths = r.ExtendedReplyMonths, CoOpinionMonths = r.CoOpinionMonths,
            RehandlingMonths = r.RehandlingMonths, MaxRehandlings = r.MaxRehandlings, DueSoonDays = r.DueSoonDays, CoSignersEarnDuty = r.CoSignersEarnDuty,
        }, stored is not null);
    }

    /// <summary>Saves a year's rules; deadlines already set keep their dates, new assignments and ratings use the new values.</summary>
    public async Task SaveAsync(Caller caller, SuggestionRulesInput input, CancellationToken ct = default)
    {
        Guard.Allow(caller.IsAdministrator, caller, "SuggestionRules.Save", logger, input.Year);
        await validator.EnsureValidAsync(input, ct);
        await using var db = await factory.CreateDbContextAsync(ct);
        db.AuditActor = caller.UserName;
        var rules = await db.SuggestionRuleSets.FirstOrDefaultAsync(r => r.Year == input.Year, ct);
        if (rules is null)
        {
            rules = new SuggestionRuleSet(input.Year);
            db.SuggestionRuleSets.Add(rules);
        }

        rules.ReplyMonths = input.ReplyMonths;
        rules.ExtendedReplyMonths = input.ExtendedReplyMonths;
        rules.CoOpinionMonths = input.CoOpinionMonths;
        rules.RehandlingMonths = input.RehandlingMonths;
        rules.MaxRehandlings = input.MaxRehandlings;
        rules.DueSoonDays = input.DueSoonDays;
        rules.CoSignersEarnDuty = input.CoSignersEarnDuty;
        await db.SaveChangesAsync(ct);
    }
}
