namespace DeputyPerformance.App.Resources;

/// <summary>Texts of the suggestion pages (代表建议).</summary>
public sealed class SuggestionUiText;
