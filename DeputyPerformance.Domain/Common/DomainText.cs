using System.Globalization;
using System.Resources;

namespace DeputyPerformance.Domain.Common;

/// <summary>Messages of the domain (validation, refusals) in the caller's UI culture.</summary>
public static class DomainText
{
    private static readonly ResourceManager Resources =
        new("DeputyPerformance.Domain.Resources.DomainText", typeof(DomainText).Assembly);

    public static string Get(string key) =>
        Resources.GetString(key, CultureInfo.CurrentUICulture) ?? key;

    public static string Format(string key, params object?[] args) =>
        string.Format(CultureInfo.CurrentCulture, Get(key), args);

    /// <summary>The resource keys known to the neutral (English) resources, for completeness tests.</summary>
    internal static ResourceManager Manager => Resources;
}
