using DeputyPerformance.Domain.Common;

namespace DeputyPerformance.Domain.Scoring;

/// <summary>
/// A year's scoring rules as an administrator saved them (one per year). A year without a saved rule set is
/// scored with <see cref="ScoringDefaults"/>.
/// </summary>
public class ScoringRuleSet
{
    private readonly List<RuleCategory> _categories = [];

    private ScoringRuleSet() { }

    public ScoringRuleSet(int year) => Year = year;

    public int Id { get; private set; }
    public int Year { get; private set; }
    public int BaseScore { get; private set; }
    public int GoodFrom { get; private set; }
    public int FairFrom { get; private set; }
    public int ShortlistPercent { get; private set; }
    public QuotaRounding ShortlistRounding { get; private set; }
    public IReadOnlyList<RuleCategory> Categories => _categories;

    /// <summary>Replaces the values; categories are matched by code (kept, updated, added or removed).</summary>
    public void Apply(RuleValues values)
    {
        if (values.Year != Year) throw new DomainException("Rules_YearMismatch");
        BaseScore = values.BaseScore;
        GoodFrom = values.GoodFrom;
        FairFrom = values.FairFrom;
        ShortlistPercent = values.ShortlistPercent;
        ShortlistRounding = values.ShortlistRounding;
        _categories.RemoveAll(c => values.Category(c.Code) is null);
        var order = 0;
        foreach (var v in values.Categories)
        {
            var existing = _categories.FirstOrDefault(c => c.Code == v.Code);
            if (existing is null)
            {
                _categories.Add(new RuleCategory(v.Code, v.Points, v.Cap, order));
            }
            else
            {
                existing.Update(v.Points, v.Cap, order);
            }

            order++;
        }
    }

    public RuleValues ToValues() =>
        new(Year, BaseScore, GoodFrom, FairFrom, ShortlistPercent, ShortlistRounding,
            _categories.OrderBy(c => c.SortOrder).Select(c => new RuleCategoryValues(c.Code, c.Points, c.Cap)).ToList());
}

/// <summary>A category's points in one year's rule set.</summary>
public class RuleCategory
{
    private RuleCategory() { }

    internal RuleCategory(string code, int points, int? cap, int sortOrder)
    {
        Code = code;
        Update(points, cap, sortOrder);
    }

    public int Id { get; private set; }
    public int RuleSetId { get; private set; }
    public string Code { get; private set; } = "";
    public int Points { get; private set; }
    public int? Cap { get; private set; }
    public int SortOrder { get; private set; }

    internal void Update(int points, int? cap, int sortOrder)
    {
        Points = points;
        Cap = cap;
        SortOrder = sortOrder;
    }
}
