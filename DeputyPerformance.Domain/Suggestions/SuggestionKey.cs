using DeputyPerformance.Domain.Ballots;
using DeputyPerformance.Domain.Common;

namespace DeputyPerformance.Domain.Suggestions;

/// <summary>Who votes on the handling of a key suggestion: the standing committee, or the deputies whose suggestion it is.</summary>
public enum KeyVoteBody
{
    Committee,
    Deputies,
}

/// <summary>A step of the supervision: a visit to the department or the site (走访、视察), or a meeting (座谈、督办会).</summary>
public enum VisitKind
{
    Visit,
    Meeting,
}

/// <summary>
/// 重点建议督办: the committee picks the year's key suggestions, each supervised by a vice-chairman of the standing
/// committee; the supervision has a plan, a log of visits and meetings, and ends with a satisfaction vote of the
/// committee or of the deputies concerned (a vote of the one vote engine, <see cref="VoteKind.KeySuggestion"/>). The
/// reply the county publishes is shown on the public list. These actions sit beside the handling's states: their guard
/// is the key supervision's own progress (<see cref="KeyActions"/>).
/// </summary>
public partial class Suggestion
{
    public const int MaxPlanLength = 4000;
    public const int MaxParticipantsLength = 500;
    public const int MaxVisitNotesLength = 4000;
    public const int MaxVisits = 200;

    /// <summary>The supervising vice-chairman (a member of the standing committee with that position); <see cref="Supervisor"/> keeps his name for the file.</summary>
    public int? SupervisorMemberId { get; private set; }
    public string? KeyPickedBy { get; private set; }
    public DateTime? KeyPickedAtUtc { get; private set; }
    public string? SupervisionPlan { get; private set; }
    public DateOnly? PlanStart { get; private set; }
    public DateOnly? PlanEnd { get; private set; }
    public KeyVoteBody? KeyVoteBody { get; private set; }
    /// <summary>The key vote held now or the one whose result stands.</summary>
    public int? KeyVoteId { get; private set; }
    public DepartmentGrade? KeyGrade { get; private set; }
    public decimal? KeySatisfactionRate { get; private set; }
    public DateOnly? KeyConcludedOn { get; private set; }

    /// <summary>A key vote is open (created, not yet confirmed).</summary>
    public bool KeyVotePending => KeyVoteId is not null && KeyConcludedOn is null;

    private HashSet<SuggestionAction> KeyActions()
    {
        var actions = new HashSet<SuggestionAction>();
        if (!IsKey)
        {
            if (Status is SuggestionStatus.Accepted or SuggestionStatus.Handling or SuggestionStatus.Replied or SuggestionStatus.Rated or SuggestionStatus.Closed)
            {
                actions.Add(SuggestionAction.MakeKey);
            }

            return actions;
        }

        if (KeyConcludedOn is not null || KeyVotePending) return actions;
        actions.Add(SuggestionAction.PlanSupervision);
        if (SupervisionPlan is null) return actions;
        actions.Add(SuggestionAction.LogVisit);
        // The vote judges the handling: it comes once the department has replied.
        if (Status is SuggestionStatus.Replied or SuggestionStatus.Rated or SuggestionStatus.Closed) actions.Add(SuggestionAction.HoldKeyVote);
        return actions;
    }

    private HashSet<SuggestionAction> PublishActions()
    {
        var actions = new HashSet<SuggestionAction>();
        if (_replies.Count == 0) return actions;
        actions.Add(_replies[^1].IsPublished ? SuggestionAction.UnpublishReply : SuggestionAction.PublishReply);
        return actions;
    }

    /// <summary>The committee made it one of the year's key suggestions under a vice-chairman (null id: a name from a file).</summary>
    public void MakeKey(int? supervisorMemberId, string supervisorName, string by, DateTime atUtc)
    {
        Require(SuggestionAction.MakeKey);
        var name = Clean(supervisorName) ?? throw new DomainException("Suggestion_SupervisorRequired");
        if (name.Length > MaxSupervisorLength) throw new DomainException("Suggestion_TextTooLong", MaxSupervisorLength);
        IsKey = true;
        Supervisor = name;
        SupervisorMemberId = supervisorMemberId;
        KeyPickedBy = by;
        KeyPickedAtUtc = atUtc;
        Record(SuggestionAction.MakeKey, by, atUtc, name);
    }

    /// <summary>The supervision plan (督办方案): what is done, from when to when, and who votes at its end.</summary>
    public void PlanSupervision(string plan, DateOnly start, DateOnly end, KeyVoteBody body, string by, DateTime atUtc)
    {
        Require(SuggestionAction.PlanSupervision);
        var text = Clean(plan) ?? throw new DomainException("Suggestion_PlanRequired");
        if (text.Length > MaxPlanLength) throw new DomainException("Suggestion_TextTooLong", MaxPlanLength);
        if (end < start) throw new DomainException("Suggestion_PlanOrder");
        if (!Enum.IsDefined(body)) throw new DomainException("ValueInvalid");
        SupervisionPlan = text;
        PlanStart = start;
        PlanEnd = end;
        KeyVoteBody = body;
        Record(SuggestionAction.PlanSupervision, by, atUtc, null);
    }

    /// <summary>A visit or meeting of the supervision, with its participants and notes.</summary>
    public SupervisionVisit LogVisit(DateOnly on, VisitKind kind, string participants, string? notes, string by, DateTime atUtc)
    {
        Require(SuggestionAction.LogVisit);
        if (!Enum.IsDefined(kind)) throw new DomainException("ValueInvalid");
        var who = Clean(participants) ?? throw new DomainException("Suggestion_ParticipantsRequired");
        if (who.Length > MaxParticipantsLength) throw new DomainException("Suggestion_TextTooLong", MaxParticipantsLength);
        var text = Clean(notes);
        if (text is { Length: > MaxVisitNotesLength }) throw new DomainException("Suggestion_TextTooLong", MaxVisitNotesLength);
        if (_visits.Count >= MaxVisits) throw new DomainException("Suggestion_TooManyVisits", MaxVisits);
        var visit = new SupervisionVisit(on, kind, who, text, by, atUtc);
        _visits.Add(visit);
        Record(SuggestionAction.LogVisit, by, atUtc, kind.ToString());
        return visit;
    }

    /// <summary>The vote engine created the key vote: no second one while it runs.</summary>
    public void StartKeyVote(int voteId, string by, DateTime atUtc)
    {
        Require(SuggestionAction.HoldKeyVote);
        KeyVoteId = voteId;
        Record(SuggestionAction.HoldKeyVote, by, atUtc, null);
    }

    /// <summary>
    /// The key vote's confirmed result ends the supervision; recorded once: a second confirmation of the same vote is
    /// refused, a correction of it (with its reason, in the vote engine) replaces the result. A void vote ends nothing: a
    /// new vote may be held.
    /// </summary>
    public void RecordKeyVoteResult(int voteId, VoteOutcome outcome, bool isCorrection, DateOnly on)
    {
        if (!IsKey || KeyVoteId != voteId) throw new DomainException("Suggestion_IllegalTransition");
        if (isCorrection != (KeyConcludedOn is not null)) throw new DomainException("Suggestion_IllegalTransition");
        if (outcome.IsVoid)
        {
            if (isCorrection) throw new DomainException("Suggestion_IllegalTransition");
            KeyVoteId = null;
            return;
        }

        KeyGrade = outcome.Grade ?? throw new DomainException("ValueInvalid");
        // Stored with 4 decimals (the column's precision): rounded here so both engines keep the same value.
        KeySatisfactionRate = outcome.SatisfactionRate is { } rate ? Math.Round(rate, 4, MidpointRounding.AwayFromZero) : null;
        KeyConcludedOn ??= on;
    }

    /// <summary>The county publishes the latest reply on the public list (or takes it off), with who and when.</summary>
    public void PublishReply(bool publish, string by, DateTime atUtc)
    {
        Require(publish ? SuggestionAction.PublishReply : SuggestionAction.UnpublishReply);
        _replies[^1].Publish(publish, by, atUtc);
        Record(publish ? SuggestionAction.PublishReply : SuggestionAction.UnpublishReply, by, atUtc, _replies[^1].Round.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    /// <summary>Files kept with the suggestion: the deputy's attachments while it is submitted (or returned), the lead department's reply document while it handles or has replied.</summary>
    public SuggestionAttachment AddAttachment(AttachmentKind kind, string originalName, StoredAttachment stored, string uploadedBy, DateTime atUtc, int maxFiles)
    {
        if (!CanAttach(kind)) throw new DomainException("Suggestion_IllegalTransition");
        if (_attachments.Count(a => a.Kind == kind) >= maxFiles) throw new DomainException("Suggestion_TooManyFiles", maxFiles);
        var attachment = new SuggestionAttachment(kind, kind == AttachmentKind.ReplyDocument ? _replies.Count + (Status == SuggestionStatus.Handling ? 1 : 0) : null,
            originalName, stored, uploadedBy, atUtc);
        _attachments.Add(attachment);
        return attachment;
    }

    /// <summary>The state lets a file of this kind be added now.</summary>
    public bool CanAttach(AttachmentKind kind) => kind switch
    {
        AttachmentKind.Submission => Status is SuggestionStatus.Submitted or SuggestionStatus.Returned,
        AttachmentKind.ReplyDocument => Status is SuggestionStatus.Handling or SuggestionStatus.Replied,
        _ => false,
    };
}

/// <summary>A visit or meeting of a key suggestion's supervision.</summary>
public class SupervisionVisit
{
    private SupervisionVisit() { }

    internal SupervisionVisit(DateOnly on, VisitKind kind, string participants, string? notes, string recordedBy, DateTime recordedAtUtc)
    {
        On = on;
        Kind = kind;
        Participants = participants;
        Notes = notes;
        RecordedBy = recordedBy;
        RecordedAtUtc = recordedAtUtc;
    }

    public int Id { get; private set; }
    public int SuggestionId { get; private set; }
    public DateOnly On { get; private set; }
    public VisitKind Kind { get; private set; }
    public string Participants { get; private set; } = "";
    public string? Notes { get; private set; }
    public string RecordedBy { get; private set; } = "";
    public DateTime RecordedAtUtc { get; private set; }
}

public enum AttachmentKind
{
    /// <summary>The deputy's attachment to his suggestion (photos, materials).</summary>
    Submission,
    /// <summary>The lead department's reply document (答复函).</summary>
    ReplyDocument,
}

/// <summary>The bytes of an attachment as the evidence store keeps them.</summary>
public sealed record StoredAttachment(string StorageKey, string ContentType, long SizeBytes, string Sha256);

/// <summary>A suggestion's file in the evidence store (the same folder as duty-log evidence, so backups carry it), with its hash.</summary>
public class SuggestionAttachment
{
    public const int MaxNameLength = 200;

    private SuggestionAttachment() { }

    internal SuggestionAttachment(AttachmentKind kind, int? replyRound, string originalName, StoredAttachment stored, string uploadedBy, DateTime uploadedAtUtc)
    {
        Kind = kind;
        ReplyRound = replyRound;
        OriginalName = originalName.Length > MaxNameLength ? originalName[..MaxNameLength] : originalName;
        ContentType = stored.ContentType;
        SizeBytes = stored.SizeBytes;
        Sha256 = stored.Sha256;
        StorageKey = stored.StorageKey;
        UploadedBy = uploadedBy;
        UploadedAtUtc = uploadedAtUtc;
    }

    public long Id { get; private set; }
    public int SuggestionId { get; private set; }
    public AttachmentKind Kind { get; private set; }
    /// <summary>The reply round a reply document belongs to.</summary>
    public int? ReplyRound { get; private set; }
    public string OriginalName { get; private set; } = "";
    public string ContentType { get; private set; } = "";
    public long SizeBytes { get; private set; }
    public string Sha256 { get; private set; } = "";
    public string StorageKey { get; private set; } = "";
    public string UploadedBy { get; private set; } = "";
    public DateTime UploadedAtUtc { get; private set; }
}
