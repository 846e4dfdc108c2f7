namespace DeputyPerformance.App.Resources;

/// <summary>Texts shared by every page: navigation, buttons, messages.</summary>
public sealed class UiText;

/// <summary>MudBlazor's component texts, keyed as MudBlazor names them.</summary>
public sealed class MudBlazorText;

/// <summary>Texts of the roster import page.</summary>
public sealed class RosterText;

/// <summary>Texts of the duty registration and scoring pages.</summary>
public sealed class DutyUiText;

/// <summary>Texts of the reports to constituents and satisfaction vote pages.</summary>
public sealed class BallotUiText;

/// <summary>Texts of the department evaluation pages (工作评议).</summary>
public sealed class EvaluationUiText;

/// <summary>Texts of the exit procedure pages (代表退出).</summary>
public sealed class ExitUiText;
