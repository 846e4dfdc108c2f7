using DeputyPerformance.Domain.Common;
using DeputyPerformance.Domain.Duties;
using DeputyPerformance.Domain.Persistence;
using FluentValidation;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace DeputyPerformance.Domain.Scoring;

/// <summary>What the rule-set form edits; Categories in display (and export) order.</summary>
public sealed class RuleSetInput
{
    public int Year { get; set; }
    public int BaseScore { get; set; } = ScoringDefaults.BaseScore;
    public int GoodFrom { get; set; } = ScoringDefaults.GoodFrom;
    public int FairFrom { get; set; } = ScoringDefaults.FairFrom;
    public int ShortlistPercent { get; set; } = ScoringDefaults.ShortlistPercent;
    public QuotaRounding ShortlistRounding { get; set; } = ScoringDefaults.ShortlistRounding;
    public List<RuleCategoryInput> Categories { get; set; } = [];

    public static RuleSetInput From(RuleValues v) => new()
    {
        Year = v.Year,
        BaseScore = v.BaseScore,
        GoodFrom = v.GoodFrom,
        FairFrom = v.FairFrom,
        ShortlistPercent = v.ShortlistPercent,
        ShortlistRounding = v.ShortlistRounding,
        Categories = v.Categories.Select(c => new RuleCategoryInput { Code = c.Code, Points = c.Points, Cap = c.Cap }).ToList(),
    };

    public RuleValues ToValues() => new(Year, BaseScore, GoodFrom, FairFrom, ShortlistPercent, ShortlistRounding,
        Categories.Select(c => new RuleCategoryValues(c.Code, c.Points, c.Cap)).ToList());
}

public sealed class RuleCategoryInput
{
    public string Code { get; set; } = "";
    public int Points { get; set; }
    public int? Cap { get; set; }
}

public sealed class RuleSetValidator : AbstractValidator<RuleSetInput>
{
    public const int MaxPoints = 1000;

    public RuleSetValidator()
    {
        RuleFor(x => x.Year).InclusiveBetween(1949, 2200).WithText("Rules_YearRange");
        RuleFor(x => x.BaseScore).InclusiveBetween(0, MaxPoints).WithText("Rules_BaseRange");
        RuleFor(x => x.FairFrom).InclusiveBetween(-MaxPoints, 10 * MaxPoints).WithText("Rules_BandsOrder");
        RuleFor(x => x.GoodFrom).GreaterThan(x => x.FairFrom).WithText("Rules_BandsOrder");
        RuleFor(x => x.ShortlistPercent).InclusiveBetween(0, 100).WithText("Rules_PercentRange");
        RuleFor(x => x.ShortlistRounding).IsInEnum().WithText("ValueInvalid");
        RuleFor(x => x.Categories).Must(c => c.Select(x => x.Code).Distinct().Count() == c.Count).WithText("Rules_DuplicateCategory");
        RuleForEach(x => x.Categories).ChildRules(c =>
        {
            c.RuleFor(x => x.Code).Must(DutyCategory.IsKnown).WithText("Duty_CategoryRequired");
            c.RuleFor(x => x.Points).InclusiveBetween(-MaxPoints, MaxPoints).WithText("Rules_PointsRange");
            c.RuleFor(x => x.Cap).GreaterThan(0).When(x => x.Cap is not null).WithText("Rules_CapPositive");
        });
    }
}

/// <summary>A year's rules as the form shows them: saved by an administrator, or the shipped defaults.</summary>
public sealed record RuleSetView(RuleValues Values, bool IsSaved);

/// <summary>
/// Rule sets by year: read (defaults when none is saved), save and copy from the previous year (administrator,
/// validated, audited). A save marks the year's scores stale in the same transaction as the audited change, then
/// recomputes them from the yearly totals (one recomputation at a time; writers are not held up by it).
/// </summary>
public sealed class ScoringRuleService(
    IDbContextFactory<DeputyDbContext> factory, RuleSetValidator validator, ScoreYearBuilder builder, ILogger<ScoringRuleService> logger)
{
    public static bool CanRead(Caller caller) =>
        caller.IsCountyStaff || caller.IsCommitteeMember || caller.IsTownClerk || caller.IsDeputy;

    public static bool CanEdit(Caller caller) => caller.IsAdministrator;

    public async Task<RuleSetView> GetAsync(Caller caller, int year, CancellationToken ct = default)
    {
        Guard.Allow(CanRead(caller), caller, "Rules.Read", logger, year);
        await using var db = await factory.CreateDbContextAsync(ct);
        var saved = await LoadSavedAsync(db, year, ct);
        return new RuleSetView(saved?.ToValues() ?? ScoringDefaults.For(year), saved is not null);
    }

    /// <summary>Years that have a saved rule set.</summary>
    public async Task<IReadOnlyList<int>> SavedYearsAsync(Caller caller, CancellationToken ct = default)
    {
        Guard.Allow(CanRead(caller), caller, "Rules.List", logger);
        await using var db = await factory.CreateDbContextAsync(ct);
        return await db.ScoringRuleSets.AsNoTracking().OrderBy(r => r.Year).Select(r => r.Year).ToListAsync(ct);
    }

    public async Task SaveAsync(Caller caller, RuleSetInput input, CancellationToken ct = default)
    {
        Guard.Allow(CanEdit(caller), caller, "Rules.Save", logger, input.Year);
        await validator.EnsureValidAsync(input, ct);
        await SaveValuesAsync(caller, input.ToValues(), ct);
    }

    /// <summary>Starts a year with the previous year's rules (saved or default), replacing what the year had.</summary>
    public async Task<RuleValues> CopyFromPreviousYearAsync(Caller caller, int year, CancellationToken ct = default)
    {
        Guard.Allow(CanEdit(caller), caller, "Rules.Copy", logger, year);
        RuleValues previous;
        await using (var db = await factory.CreateDbContextAsync(ct))
        {
            previous = await EffectiveAsync(db, year - 1, ct);
        }

        var copy = previous with { Year = year };
        await validator.EnsureValidAsync(RuleSetInput.From(copy), ct);
        await SaveValuesAsync(caller, copy, ct);
        return copy;
    }

    private async Task SaveValuesAsync(Caller caller, RuleValues values, CancellationToken ct)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        db.AuditActor = caller.UserName;
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var ruleSet = await db.ScoringRuleSets.Include(r => r.Categories).FirstOrDefaultAsync(r => r.Year == values.Year, ct);
        if (ruleSet is null)
        {
            ruleSet = new ScoringRuleSet(values.Year);
            db.ScoringRuleSets.Add(ruleSet);
        }

        ruleSet.Apply(values);
        await db.SaveChangesAsync(ct);
        await ScoreQueries.MarkStaleAsync(db, [values.Year], ct);
        await tx.CommitAsync(ct);
        // The board shows the new rules when the save returns.
        await builder.EnsureCurrentAsync(values.Year, ct);
    }

    private static Task<ScoringRuleSet?> LoadSavedAsync(DeputyDbContext db, int year, CancellationToken ct) =>
        db.ScoringRuleSets.AsNoTracking().Include(r => r.Categories).FirstOrDefaultAsync(r => r.Year == year, ct);

    /// <summary>The rules that score a year: the saved set, else the defaults.</summary>
    internal static async Task<RuleValues> EffectiveAsync(DeputyDbContext db, int year, CancellationToken ct) =>
        (await LoadSavedAsync(db, year, ct))?.ToValues() ?? ScoringDefaults.For(year);

    /// <summary>The term that scores a year: the one whose years contain it; the newer one when two terms share the year.</summary>
    internal static async Task<int?> TermForYearAsync(DeputyDbContext db, int year, CancellationToken ct) =>
        await db.Terms.AsNoTracking().Where(t => t.StartYear <= year && t.EndYear >= year)
            .OrderByDescending(t => t.StartYear).Select(t => (int?)t.Id).FirstOrDefaultAsync(ct);
}
