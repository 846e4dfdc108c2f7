using DeputyPerformance.Domain.Common;

namespace DeputyPerformance.Domain.Suggestions;

/// <summary>
/// Who does what with suggestions. County staff (the committee's office) review, assign, extend, urge, change the
/// department, mark key suggestions and close; a department handler (承办单位) reads only his department's suggestions
/// (lead or co-handler), replies for the lead department and sends a co-handler's opinion; a deputy submits his own,
/// resubmits a returned one and rates the reply; a town clerk submits for and reads the deputies of his town;
/// committee members read everything.
/// </summary>
public static class SuggestionPolicy
{
    public static bool CanReadAll(Caller caller) => caller.IsCountyStaff || caller.IsCommitteeMember;

    public static bool CanRead(Caller caller, Suggestion s) =>
        CanReadAll(caller)
        || (caller.IsDepartmentHandler && caller.DepartmentId is { } d && s.IsHandledBy(d))
        || (caller.IsDeputy && caller.DeputyId is { } me && s.DeputyIds().Contains(me))
        || (caller.IsTownClerk && caller.TownId is { } t && s.TownId == t);

    /// <summary>Submits for a deputy: the deputy himself, county staff, the clerk of the deputy's town.</summary>
    public static bool CanSubmitFor(Caller caller, int deputyId, int deputyTownId) =>
        caller.IsCountyStaff || (caller.IsDeputy && caller.DeputyId == deputyId) || (caller.IsTownClerk && caller.TownId == deputyTownId);

    /// <summary>
    /// The lead deputy a new suggestion starts with: a deputy submits only his own, so he is the lead and picks no one;
    /// staff and clerks pick the lead (null).
    /// </summary>
    public static int? LeadDeputyOfNewSuggestion(Caller caller) => caller.IsDeputy ? caller.DeputyId : null;

    /// <summary>Whether the form asks for the lead deputy: everyone but a deputy, who submits his own.</summary>
    public static bool PicksLeadDeputy(Caller caller) => LeadDeputyOfNewSuggestion(caller) is null;

    /// <summary>Submits on behalf of deputies (the board's "new" button): county staff and town clerks.</summary>
    public static bool CanSubmitForOthers(Caller caller) => caller.IsCountyStaff || caller.IsTownClerk;

    public static bool CanManage(Caller caller) => caller.IsCountyStaff;

    /// <summary>Whether the caller may take this action on this suggestion (the state's own guard comes on top).</summary>
    public static bool CanAct(Caller caller, Suggestion s, SuggestionAction action) => action switch
    {
        SuggestionAction.Accept or SuggestionAction.TurnIntoLetter or SuggestionAction.Return or SuggestionAction.Assign
            or SuggestionAction.Extend or SuggestionAction.Urge or SuggestionAction.ChangeDepartment or SuggestionAction.Close => CanManage(caller),
        SuggestionAction.Resubmit => caller.IsDeputy && caller.DeputyId == s.DeputyId,
        SuggestionAction.Reply => caller.IsDepartmentHandler && caller.DepartmentId is { } d && d == s.LeadDepartmentId,
        SuggestionAction.SendCoOpinion => caller.IsDepartmentHandler && caller.DepartmentId is { } c && s.CoHandlers.Any(h => h.DepartmentId == c),
        // The lead deputy rates; the office records a rating given on paper for him.
        SuggestionAction.Rate => (caller.IsDeputy && caller.DeputyId == s.DeputyId) || CanManage(caller),
        // The office records the committee's choice and holds its vote; the supervising vice-chairman keeps his plan and log himself.
        SuggestionAction.MakeKey or SuggestionAction.HoldKeyVote or SuggestionAction.PublishReply or SuggestionAction.UnpublishReply => CanManage(caller),
        SuggestionAction.PlanSupervision or SuggestionAction.LogVisit => CanManage(caller) || IsSupervisor(caller, s),
        _ => false,
    };

    /// <summary>The caller is the vice-chairman who supervises this key suggestion (his account is linked to his committee member record).</summary>
    public static bool IsSupervisor(Caller caller, Suggestion s) =>
        caller.IsCommitteeMember && caller.CommitteeMemberId is { } m && s.IsKey && s.SupervisorMemberId == m;

    /// <summary>Adds a file: the deputy's attachments by whoever may submit for him, the reply document by the lead department's handler.</summary>
    public static bool CanAttach(Caller caller, Suggestion s, AttachmentKind kind) => kind switch
    {
        AttachmentKind.Submission => CanSubmitFor(caller, s.DeputyId, s.TownId),
        AttachmentKind.ReplyDocument => caller.IsDepartmentHandler && caller.DepartmentId is { } d && d == s.LeadDepartmentId,
        _ => false,
    };

    /// <summary>Reads a file: whoever reads the suggestion, except that a co-handling department sees the deputy's attachments only.</summary>
    public static bool CanOpen(Caller caller, Suggestion s, AttachmentKind kind) =>
        CanRead(caller, s) && (kind == AttachmentKind.Submission || !caller.IsDepartmentHandler || caller.DepartmentId == s.LeadDepartmentId);

    /// <summary>The actions the page offers: allowed by the state and to this caller.</summary>
    public static IReadOnlyList<SuggestionAction> Offered(Caller caller, Suggestion s) =>
        s.AllowedActions().Where(a => CanAct(caller, s, a)).Order().ToList();
}
