using DeputyPerformance.Domain.Common;

namespace DeputyPerformance.Domain.Duties;

/// <summary>
/// Who may do what with duty logs: a town clerk records and reviews the logs of his town's deputies, a deputy
/// submits (and may withdraw while pending) only his own and never reviews, county staff do everything,
/// committee members read.
/// </summary>
public static class DutyPolicy
{
    public static bool CanList(Caller caller) =>
        caller.IsCountyStaff || caller.IsCommitteeMember || (caller.IsTownClerk && caller.TownId is not null)
        || (caller.IsDeputy && caller.DeputyId is not null);

    public static bool CanRead(Caller caller, int deputyId, int townId) =>
        caller.IsCountyStaff || caller.IsCommitteeMember
        || (caller.IsTownClerk && caller.TownId == townId)
        || (caller.IsDeputy && caller.DeputyId == deputyId);

    /// <summary>Recording (approved at once), correcting and deleting logs: the clerk of the deputy's town or county staff.</summary>
    /// <summary>Whether the caller records logs anywhere (county staff, town clerks in their town): pages offer the form then.</summary>
    public static bool CanRecordAny(Caller caller) => caller.IsCountyStaff || caller.IsTownClerk;

    public static bool CanRecord(Caller caller, int townId) =>
        caller.IsCountyStaff || (caller.IsTownClerk && caller.TownId == townId);

    public static bool CanSubmitOwn(Caller caller, int deputyId) => caller.IsDeputy && caller.DeputyId == deputyId;

    /// <summary>Approving or rejecting: never a deputy, even his own.</summary>
    public static bool CanReview(Caller caller, int townId) => CanRecord(caller, townId);

    /// <summary>
    /// A deputy may withdraw or amend his own submission while it is pending or after it was rejected (an amended
    /// rejected log goes back to the clerk as pending); an approved log is the clerk's to change.
    /// </summary>
    public static bool CanChangeOwnPending(Caller caller, int deputyId, DutyLogStatus status) =>
        CanSubmitOwn(caller, deputyId) && status is DutyLogStatus.Pending or DutyLogStatus.Rejected;

    /// <summary>File import: county staff for every town, a town clerk for his town's deputies (checked row by row).</summary>
    public static bool CanImport(Caller caller) => caller.IsCountyStaff || (caller.IsTownClerk && caller.TownId is not null);
}
