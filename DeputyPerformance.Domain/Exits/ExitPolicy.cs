using DeputyPerformance.Domain.Common;
using DeputyPerformance.Domain.Deputies;

namespace DeputyPerformance.Domain.Exits;

/// <summary>
/// Who sees and runs the exit procedure. County staff run every case; a town clerk sees his town and runs the cases of
/// its town deputies (a county deputy's case is the county committee's); committee members read; a deputy reads his own
/// flags and case and files his defence.
/// </summary>
public static class ExitPolicy
{
    public static bool CanReadBoard(Caller caller) => caller.IsCountyStaff || caller.IsCommitteeMember || caller.IsTownClerk;

    /// <summary>The town a caller's board is limited to (null: the whole county).</summary>
    public static int? BoardTown(Caller caller) => caller.IsTownClerk ? caller.TownId ?? -1 : null;

    public static bool CanRead(Caller caller, int deputyId, int townId) =>
        caller.IsCountyStaff || caller.IsCommitteeMember
        || (caller.IsTownClerk && caller.TownId == townId)
        || (caller.IsDeputy && caller.DeputyId == deputyId);

    public static bool CanRun(Caller caller, DeputyLevel level, int townId) =>
        caller.IsCountyStaff || (caller.IsTownClerk && caller.TownId == townId && level == DeputyLevel.Town);

    /// <summary>Whether the caller runs any case at all (the board offers "open a case" then).</summary>
    public static bool CanRunAny(Caller caller) => caller.IsCountyStaff || caller.IsTownClerk;

    public static bool CanDefend(Caller caller, int deputyId) => caller.IsDeputy && caller.DeputyId == deputyId;

    /// <summary>Only county staff change the exit rules' application county-wide (refresh every flag).</summary>
    public static bool CanRefreshAll(Caller caller) => caller.IsCountyStaff;

    /// <summary>The actions of a case this caller may take now: the state machine's, then his role's share of them.</summary>
    public static IReadOnlySet<ExitCaseAction> ActionsFor(Caller caller, ExitCase c)
    {
        var allowed = c.AllowedActions();
        if (CanDefend(caller, c.DeputyId))
        {
            return allowed.Contains(ExitCaseAction.FileDefence) ? new HashSet<ExitCaseAction> { ExitCaseAction.FileDefence } : new HashSet<ExitCaseAction>();
        }

        if (!CanRun(caller, c.Level, c.TownId)) return new HashSet<ExitCaseAction>();
        return allowed.Where(a => a != ExitCaseAction.FileDefence).ToHashSet();
    }
}
