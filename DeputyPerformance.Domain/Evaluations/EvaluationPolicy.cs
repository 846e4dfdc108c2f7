using DeputyPerformance.Domain.Common;

namespace DeputyPerformance.Domain.Evaluations;

/// <summary>
/// Who does what in the evaluation of departments: county staff (clerks and administrators) run it, committee members
/// read everything; town clerks, deputies and the public see published results only (the public results page).
/// </summary>
public static class EvaluationPolicy
{
    public static bool CanRun(Caller caller) => caller.IsCountyStaff;

    public static bool CanReadAll(Caller caller) => caller.IsCountyStaff || caller.IsCommitteeMember;
}
