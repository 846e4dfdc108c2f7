using System.Globalization;
using System.Resources;
using DeputyPerformance.Domain.Common;
using DeputyPerformance.Domain.Duties;
using DeputyPerformance.Domain.Scoring;

namespace DeputyPerformance.Tests.Duties;

public sealed class DutyTextTests
{
    private static readonly ResourceManager Text = new("DeputyPerformance.Domain.Resources.DutyText", typeof(DutyCategory).Assembly);

    private static HashSet<string> Keys(CultureInfo culture) =>
        Text.GetResourceSet(culture, createIfNotExists: true, tryParents: false)!.Cast<System.Collections.DictionaryEntry>().Select(e => (string)e.Key).ToHashSet();

    [Fact]
    public void EnglishAndChineseHaveTheSameKeys() =>
        Assert.Equal(Keys(CultureInfo.InvariantCulture).Order(), Keys(new CultureInfo("zh-CN")).Order());

    [Fact]
    public void EveryCategoryAndEnumValueHasANameInBothLanguages()
    {
        var keys = DutyCategory.All.Select(c => "Category_" + c)
            .Concat(Enum.GetNames<DutyLogStatus>().Select(n => "Status_" + n))
            .Concat(Enum.GetNames<DutyLogSource>().Select(n => "Source_" + n))
            .Concat(Enum.GetNames<ScoreGrade>().Select(n => "Grade_" + n))
            .Concat(Enum.GetNames<ShortlistExclusion>().Select(n => "Exclusion_" + n))
            .Concat(Enum.GetNames<ShortlistDecisionKind>().Select(n => "Decision_" + n))
            .Concat(Enum.GetNames<QuotaRounding>().Select(n => "QuotaRounding_" + n));
        foreach (var culture in new[] { CultureInfo.InvariantCulture, new CultureInfo("zh-CN") })
        {
            Assert.Empty(keys.Except(Keys(culture)));
        }
    }

    [Fact]
    public void NamesFollowTheUiCulture()
    {
        var saved = CultureInfo.CurrentUICulture;
        try
        {
            CultureInfo.CurrentUICulture = new CultureInfo("zh-CN");
            Assert.Equal("进站接待选民", DutyNames.Category(DutyCategory.Reception));
            Assert.Equal("待审核", DutyNames.Of(DutyLogStatus.Pending));
            CultureInfo.CurrentUICulture = new CultureInfo("en");
            Assert.Equal("Pending", DutyNames.Of(DutyLogStatus.Pending));
            Assert.Equal("Enter the date.", DomainText.Get("Duty_DateRequired"));
        }
        finally
        {
            CultureInfo.CurrentUICulture = saved;
        }
    }
}
