using System.Globalization;
using DeputyPerformance.Domain.Ballots;
using DeputyPerformance.Domain.Common;
using DeputyPerformance.Domain.Deputies;
using DeputyPerformance.Domain.Duties;
using DeputyPerformance.Domain.Persistence;
using DeputyPerformance.Domain.Scoring;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace DeputyPerformance.Domain.Suggestions;

/// <summary>
/// Deputies' suggestions: submission, the office's review, assignment and the clock, the departments' replies, the
/// deputy's rating (a vote of the one vote engine) and the figures per department. Every call checks the caller's role
/// and scope (<see cref="SuggestionPolicy"/>) and the state (<see cref="Suggestion.AllowedActions"/>), then writes in one
/// transaction.
/// </summary>
public sealed class SuggestionService(
    IDbContextFactory<DeputyDbContext> factory, SuggestionInputValidator inputValidator, ReplyInputValidator replyValidator,
    IEnumerable<IVoteConfirmedHandler> voteHandlers, TimeProvider clock, ILogger<SuggestionService> logger, ILogger<SuggestionVoteOwner> ownerLogger,
    IEvidenceStore store, EvidenceOptions evidence)
{
    /// <summary>The opener of a deputy's rating vote; the deputy (or the clerk for him) confirms it, so the two differ.</summary>
    public const string RatingVoteOpener = "system:suggestions";

    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    private DateOnly Today => DateOnly.FromDateTime(Now);

    public static async Task<SuggestionRuleSet> RulesAsync(DeputyDbContext db, int year, CancellationToken ct) =>
        await db.SuggestionRuleSets.AsNoTracking().FirstOrDefaultAsync(r => r.Year == year, ct) ?? SuggestionRuleSet.Defaults(year);

    /// <summary>The key of the suggestion duty log an accepted suggestion gives a deputy (apart from import-file keys).</summary>
    public static string DutyKey(int suggestionId) => "sg:" + suggestionId.ToString(CultureInfo.InvariantCulture);

    /// <summary>A deputy's suggestion, numbered next in the year's congress session.</summary>
    public async Task<int> SubmitAsync(Caller caller, SuggestionInput input, CancellationToken ct = default)
    {
        await inputValidator.EnsureValidAsync(input, ct);
        await using var db = await factory.CreateDbContextAsync(ct);
        db.AuditActor = caller.UserName;
        var deputy = await db.Deputies.AsNoTracking().FirstOrDefaultAsync(d => d.Id == input.DeputyId, ct) ?? throw new NotFoundException();
        Guard.Allow(SuggestionPolicy.CanSubmitFor(caller, deputy.Id, deputy.TownId), caller, "Suggestion.Submit", logger, deputy.Id);
        if (deputy.Status != DeputyStatus.Active) throw new DomainException("Suggestion_DeputyNotActive");
        var coSigners = input.CoSignerIds.Distinct().Where(id => id != deputy.Id).ToList();
        if (await db.Deputies.CountAsync(d => coSigners.Contains(d.Id), ct) != coSigners.Count) throw new DomainException("Suggestion_CoSignerUnknown");
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var year = Today.Year;
        var number = (await db.Suggestions.Where(s => s.Year == year).MaxAsync(s => (int?)s.Number, ct) ?? 0) + 1;
        var suggestion = new Suggestion(year, number, deputy.Id, deputy.TownId, input.Title, input.Content, input.Field, coSigners, caller.UserName, Now);
        db.Suggestions.Add(suggestion);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return suggestion.Id;
    }

    public async Task ResubmitAsync(Caller caller, int id, SuggestionInput input, CancellationToken ct = default)
    {
        await inputValidator.EnsureValidAsync(input, ct);
        await ActAsync(caller, id, SuggestionAction.Resubmit, (s, _) =>
        {
            s.Resubmit(input.Title, input.Content, input.Field, caller.UserName, Now);
            return Task.CompletedTask;
        }, ct);
    }

    /// <summary>Accepts the suggestion and, in the same transaction, gives its deputies their approved suggestion duty (once).</summary>
    public Task AcceptAsync(Caller caller, int id, CancellationToken ct = default) =>
        ActAsync(caller, id, SuggestionAction.Accept, async (s, db) =>
        {
            s.Accept(caller.UserName, Now);
            await db.SaveChangesAsync(ct);
            await RecordDutiesAsync(db, s, caller, ct);
        }, ct);

    /// <summary>Not a suggestion but a letter: an accepted one's duty logs go again, with their points.</summary>
    public Task TurnIntoLetterAsync(Caller caller, int id, string? note, CancellationToken ct = default) =>
        ActAsync(caller, id, SuggestionAction.TurnIntoLetter, async (s, db) =>
        {
            s.TurnIntoLetter(note, caller.UserName, Now);
            await db.SaveChangesAsync(ct);
            await RemoveDutiesAsync(db, s, ct);
        }, ct);

    public Task ReturnAsync(Caller caller, int id, string reason, CancellationToken ct = default) =>
        ActAsync(caller, id, SuggestionAction.Return, (s, _) =>
        {
            s.Return(reason, caller.UserName, Now);
            return Task.CompletedTask;
        }, ct);

    public Task AssignAsync(Caller caller, int id, int leadDepartmentId, IReadOnlyCollection<int> coDepartmentIds, DateOnly? on = null, CancellationToken ct = default) =>
        ActAsync(caller, id, SuggestionAction.Assign, async (s, db) =>
        {
            var wanted = coDepartmentIds.Append(leadDepartmentId).Distinct().ToList();
            if (await db.GovernmentDepartments.CountAsync(d => wanted.Contains(d.Id), ct) != wanted.Count) throw new DomainException("Suggestion_DepartmentUnknown");
            s.Assign(leadDepartmentId, coDepartmentIds, on ?? Today, await RulesAsync(db, s.Year, ct), caller.UserName, Now);
        }, ct);

    public Task ExtendAsync(Caller caller, int id, string reason, CancellationToken ct = default) =>
        ActAsync(caller, id, SuggestionAction.Extend, async (s, db) => s.Extend(reason, await RulesAsync(db, s.Year, ct), caller.UserName, Now), ct);

    public Task UrgeAsync(Caller caller, int id, string? note, CancellationToken ct = default) =>
        ActAsync(caller, id, SuggestionAction.Urge, (s, _) =>
        {
            s.Urge(note, caller.UserName, Now);
            return Task.CompletedTask;
        }, ct);

    public Task ChangeDepartmentAsync(Caller caller, int id, int departmentId, string reason, CancellationToken ct = default) =>
        ActAsync(caller, id, SuggestionAction.ChangeDepartment, async (s, db) =>
        {
            if (!await db.GovernmentDepartments.AnyAsync(d => d.Id == departmentId, ct)) throw new DomainException("Suggestion_DepartmentUnknown");
            s.ChangeDepartment(departmentId, reason, caller.UserName, Now);
        }, ct);

    public Task SendCoOpinionAsync(Caller caller, int id, string text, CancellationToken ct = default) =>
        ActAsync(caller, id, SuggestionAction.SendCoOpinion, (s, _) =>
        {
            s.SendCoOpinion(caller.DepartmentId!.Value, text, caller.UserName, Now);
            return Task.CompletedTask;
        }, ct);

    public async Task ReplyAsync(Caller caller, int id, ReplyInput input, CancellationToken ct = default)
    {
        await replyValidator.EnsureValidAsync(input, ct);
        await ActAsync(caller, id, SuggestionAction.Reply, (s, _) =>
        {
            s.Reply(input.Category!.Value, input.Text, input.ContactMethod, Today, caller.UserName, Now);
            return Task.CompletedTask;
        }, ct);
    }

    /// <summary>
    /// The deputy's rating of the latest reply, held as a vote of the one vote engine (decision 0051): a vote of one
    /// voter on the reply, counted and confirmed by the deputy in this one transaction; its owner applies the rating.
    /// </summary>
    public Task RateAsync(Caller caller, int id, SatisfactionOption rating, CancellationToken ct = default) =>
        ActAsync(caller, id, SuggestionAction.Rate, async (s, db) =>
        {
            if (!Enum.IsDefined(rating)) throw new DomainException("ValueInvalid");
            var reply = s.Replies[^1];
            var now = Now;
            var title = DomainText.Format("Suggestion_VoteTitle", s.Year, s.Number, reply.Round);
            var vote = new SatisfactionVote(new VoteSubject(VoteKind.SuggestionReply, reply.Id), s.Year, title, VoteMode.Electronic, null, 1, false,
                RatingVoteOpener, null);
            vote.IssueCodes(1, now);
            vote.Open(RatingVoteOpener, now);
            var counts = TallyCounts.From(1, 1, 0, rating == SatisfactionOption.Satisfied ? 1 : 0,
                rating == SatisfactionOption.BasicallySatisfied ? 1 : 0, rating == SatisfactionOption.Dissatisfied ? 1 : 0);
            vote.Close(counts, now);
            var outcome = VoteTallies.Tally(VoteKind.SuggestionReply, counts, await VoteService.RulesAsync(db, s.Year, ct));
            vote.Confirm(outcome, caller.UserName, now);
            db.SatisfactionVotes.Add(vote);
            await db.SaveChangesAsync(ct);
            var confirmed = new VoteConfirmed(vote.Id, vote.Subject, vote.Year, outcome, false, now);
            await new SuggestionVoteOwner(ownerLogger).OnVoteConfirmedAsync(db, confirmed, ct);
            foreach (var handler in voteHandlers)
            {
                await handler.HandleAsync(db, confirmed, ct);
            }
        }, ct);

    public Task CloseAsync(Caller caller, int id, CancellationToken ct = default) =>
        ActAsync(caller, id, SuggestionAction.Close, (s, _) =>
        {
            s.Close(caller.UserName, Now);
            return Task.CompletedTask;
        }, ct);

    /// <summary>The committee's choice of a key suggestion, recorded by the office, under a vice-chairman of the standing committee in office.</summary>
    public Task MakeKeyAsync(Caller caller, int id, int supervisorMemberId, CancellationToken ct = default) =>
        ActAsync(caller, id, SuggestionAction.MakeKey, async (s, db) =>
        {
            var member = await db.CommitteeMembers.AsNoTracking()
                .FirstOrDefaultAsync(m => m.Id == supervisorMemberId && m.IsActive && m.Position == Committee.CommitteePosition.ViceChairman, ct)
                ?? throw new DomainException("Suggestion_SupervisorUnknown");
            s.MakeKey(member.Id, member.Name, caller.UserName, Now);
        }, ct);

    /// <summary>The supervision plan: its text, dates and who votes at the end (the office or the supervising vice-chairman).</summary>
    public Task PlanSupervisionAsync(Caller caller, int id, SupervisionPlanInput input, CancellationToken ct = default) =>
        ActAsync(caller, id, SuggestionAction.PlanSupervision, (s, _) =>
        {
            if (input.Start is not { } start || input.End is not { } end) throw new DomainException("Suggestion_DateRequired");
            s.PlanSupervision(input.Plan, DateOnly.FromDateTime(start), DateOnly.FromDateTime(end), input.VoteBody, caller.UserName, Now);
            return Task.CompletedTask;
        }, ct);

    /// <summary>A visit or meeting of the supervision (the office or the supervising vice-chairman).</summary>
    public Task LogVisitAsync(Caller caller, int id, VisitInput input, CancellationToken ct = default) =>
        ActAsync(caller, id, SuggestionAction.LogVisit, (s, _) =>
        {
            if (input.On is not { } on) throw new DomainException("Suggestion_DateRequired");
            if (DateOnly.FromDateTime(on) > Today) throw new DomainException("Suggestion_DateInFuture");
            s.LogVisit(DateOnly.FromDateTime(on), input.Kind, input.Participants, input.Notes, caller.UserName, Now);
            return Task.CompletedTask;
        }, ct);

    /// <summary>Publishes the latest reply on the public list, or withdraws it (county staff), with who and when.</summary>
    public Task PublishReplyAsync(Caller caller, int id, bool publish, CancellationToken ct = default) =>
        ActAsync(caller, id, publish ? SuggestionAction.PublishReply : SuggestionAction.UnpublishReply, (s, _) =>
        {
            s.PublishReply(publish, caller.UserName, Now);
            return Task.CompletedTask;
        }, ct);

    /// <summary>
    /// Stores a file of the suggestion in the evidence store (PDF, JPEG or PNG by content, within the size limit) and
    /// records it: the deputy's attachment while submitted, the lead department's reply document while handled or replied.
    /// Nothing is left behind on refusal.
    /// </summary>
    public async Task<long> AddAttachmentAsync(Caller caller, int id, AttachmentKind kind, string fileName, Stream content, CancellationToken ct = default)
    {
        if (!Enum.IsDefined(kind)) throw new DomainException("ValueInvalid");
        await using var db = await factory.CreateDbContextAsync(ct);
        db.AuditActor = caller.UserName;
        var s = await db.Suggestions.Include(x => x.CoHandlers).Include(x => x.CoSigners).Include(x => x.Replies).Include(x => x.Attachments)
            .AsSplitQuery().FirstOrDefaultAsync(x => x.Id == id, ct) ?? throw new NotFoundException();
        Guard.Allow(SuggestionPolicy.CanRead(caller, s) && SuggestionPolicy.CanAttach(caller, s, kind), caller, "Suggestion.Attach", logger, id);
        if (!s.CanAttach(kind)) throw new DomainException("Suggestion_IllegalTransition");
        if (s.Attachments.Count(a => a.Kind == kind) >= evidence.MaxFilesPerLog) throw new DomainException("Suggestion_TooManyFiles", evidence.MaxFilesPerLog);
        var stored = await store.SaveAsync(content, ct);
        try
        {
            var attachment = s.AddAttachment(kind, EvidenceNames.Safe(fileName, stored.ContentType),
                new StoredAttachment(stored.StorageKey, stored.ContentType, stored.SizeBytes, stored.Sha256), caller.UserName, Now, evidence.MaxFilesPerLog);
            await db.SaveChangesAsync(ct);
            return attachment.Id;
        }
        catch
        {
            await store.DeleteAsync(stored.StorageKey, CancellationToken.None);
            throw;
        }
    }

    /// <summary>A file of a suggestion, for whoever may read it (a co-handling department sees the deputy's attachments, not the lead's reply document).</summary>
    public async Task<(AttachmentView Info, Stream Content)> OpenAttachmentAsync(Caller caller, long attachmentId, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var a = await db.SuggestionAttachments.AsNoTracking().FirstOrDefaultAsync(x => x.Id == attachmentId, ct) ?? throw new NotFoundException();
        var s = await db.Suggestions.AsNoTracking().Include(x => x.CoHandlers).Include(x => x.CoSigners).AsSplitQuery()
            .FirstAsync(x => x.Id == a.SuggestionId, ct);
        Guard.Allow(SuggestionPolicy.CanOpen(caller, s, a.Kind), caller, "Suggestion.OpenAttachment", logger, attachmentId);
        return (ToView(a), await store.OpenReadAsync(a.StorageKey, ct));
    }

    /// <summary>
    /// The public list of replies (公开答复): the replies the county published, newest first, searched by title, reply
    /// text or department, paged in the database; every signed-in user reads it (decision 0064).
    /// </summary>
    public async Task<PagedResult<PublishedReplyRow>> PublishedRepliesAsync(Caller caller, ListQuery query, CancellationToken ct = default)
    {
        Guard.Allow(!string.IsNullOrEmpty(caller.Role), caller, "Suggestion.PublishedReplies", logger);
        await using var db = await factory.CreateDbContextAsync(ct);
        var items = from r in db.SuggestionReplies.AsNoTracking()
                    join s in db.Suggestions.AsNoTracking() on r.SuggestionId equals s.Id
                    where r.IsPublished
                    select new { r, s };
        if (!string.IsNullOrWhiteSpace(query.Search))
        {
            var text = query.Search.Trim();
            items = items.Where(x => x.s.Title.Contains(text) || x.r.Text.Contains(text) || x.s.LeadDepartment!.Name.Contains(text));
        }

        var total = await items.CountAsync(ct);
        var rows = await items.OrderByDescending(x => x.r.PublishedAtUtc).ThenByDescending(x => x.r.Id)
            .Skip(query.SafePage * query.SafePageSize).Take(query.SafePageSize)
            .Select(x => new PublishedReplyRow(x.s.Id, x.s.Year, x.s.Number, x.s.Title, x.s.Content, x.s.Deputy!.Name, x.s.LeadDepartment!.Name, x.r.Round,
                x.r.Category, x.r.Text, x.r.RepliedOn, x.r.PublishedAtUtc!.Value))
            .ToListAsync(ct);
        return new PagedResult<PublishedReplyRow>(rows, total);
    }

    public async Task<SuggestionDetail> GetAsync(Caller caller, int id, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var s = await Load(db).AsNoTracking().FirstOrDefaultAsync(x => x.Id == id, ct) ?? throw new NotFoundException();
        Guard.Allow(SuggestionPolicy.CanRead(caller, s), caller, "Suggestion.Read", logger, id);
        caller = await WithMemberAsync(db, caller, ct);
        var rules = await RulesAsync(db, s.Year, ct);
        var deputyIds = s.CoSigners.Select(c => c.DeputyId).ToList();
        var coSigners = await db.Deputies.AsNoTracking().Where(d => deputyIds.Contains(d.Id)).OrderBy(d => d.DeputyNumber)
            .Select(d => d.Name + " (" + d.DeputyNumber + ")").ToListAsync(ct);
        var departmentIds = s.CoHandlers.Select(c => c.DepartmentId).ToList();
        var names = await db.GovernmentDepartments.AsNoTracking().Where(d => departmentIds.Contains(d.Id)).ToDictionaryAsync(d => d.Id, d => d.Name, ct);
        return new SuggestionDetail(s.Id, s.Year, s.Number, s.Title, s.Content, s.Field, s.DeputyId, s.Deputy!.Name, s.Deputy.DeputyNumber, coSigners,
            s.Status, s.SubmittedOn, s.ReturnReason, s.LeadDepartmentId, s.LeadDepartment?.Name,
            s.CoHandlers.Select(c => new CoHandlerView(c.DepartmentId, names.GetValueOrDefault(c.DepartmentId, ""), c.OpinionDue, c.Opinion, c.OpinionOn)).ToList(),
            s.AssignedOn, s.DueOn, s.Mark(Today, rules), s.IsExtended, s.ExtensionReason, s.Rehandlings, s.UrgeCount, s.RepliedOnTime,
            s.Replies.OrderBy(r => r.Round).Select(r => new SuggestionReplyView(r.Round, r.Category, r.Text, r.ContactMethod, r.RepliedOn, r.RepliedBy,
                r.Rating, r.RatedOn, r.VoteId, r.IsPublished, r.PublishedBy, r.PublishedAtUtc)).ToList(),
            s.Events.OrderBy(e => e.AtUtc).ThenBy(e => e.Id).Select(e => new SuggestionEventView(e.Action, e.By, e.AtUtc, e.Note)).ToList(),
            s.IsKey, s.Supervisor, SuggestionPolicy.Offered(caller, s),
            s.IsKey
                ? new KeySupervisionView(s.SupervisorMemberId, s.Supervisor ?? "", s.KeyPickedBy, s.KeyPickedAtUtc, s.SupervisionPlan, s.PlanStart, s.PlanEnd,
                    s.KeyVoteBody, s.Visits.OrderBy(v => v.On).ThenBy(v => v.Id).Select(v => new SupervisionVisitView(v.On, v.Kind, v.Participants, v.Notes, v.RecordedBy)).ToList(),
                    s.KeyVoteId, s.KeyVotePending, s.KeyGrade, s.KeySatisfactionRate, s.KeyConcludedOn)
                : null,
            s.Attachments.Where(a => SuggestionPolicy.CanOpen(caller, s, a.Kind)).OrderBy(a => a.Id).Select(ToView).ToList(),
            Enum.GetValues<AttachmentKind>().Where(k => s.CanAttach(k) && SuggestionPolicy.CanAttach(caller, s, k)).ToList());
    }

    /// <summary>The suggestions of a year the caller may see, filtered, sorted and paged in the database.</summary>
    public async Task<PagedResult<SuggestionRow>> ListAsync(Caller caller, SuggestionFilter filter, ListQuery query, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var rules = await RulesAsync(db, filter.Year, ct);
        var today = Today;
        var items = Scope(db, caller).Where(s => s.Year == filter.Year);
        if (filter.Status is { } status) items = items.Where(s => s.Status == status);
        if (filter.DepartmentId is { } dept) items = items.Where(s => s.LeadDepartmentId == dept);
        if (filter.OverdueOnly) items = items.Where(s => s.Status == SuggestionStatus.Handling && s.DueOn < today);
        if (filter.KeyOnly) items = items.Where(s => s.IsKey);
        if (filter.SupervisedByMe)
        {
            var member = (await WithMemberAsync(db, caller, ct)).CommitteeMemberId;
            items = items.Where(s => s.IsKey && member != null && s.SupervisorMemberId == member);
        }
        if (!string.IsNullOrWhiteSpace(query.Search))
        {
            var text = query.Search.Trim();
            items = items.Where(s => s.Title.Contains(text) || s.Deputy!.Name.Contains(text) || s.Deputy.DeputyNumber.Contains(text));
        }

        var total = await items.CountAsync(ct);
        var d = query.Descending;
        var ordered = query.SortBy switch
        {
            "Title" => d ? items.OrderByDescending(s => s.Title) : items.OrderBy(s => s.Title),
            "DeputyName" => d ? items.OrderByDescending(s => s.Deputy!.Name) : items.OrderBy(s => s.Deputy!.Name),
            "Status" => d ? items.OrderByDescending(s => s.Status) : items.OrderBy(s => s.Status),
            "Department" => d ? items.OrderByDescending(s => s.LeadDepartment!.Name) : items.OrderBy(s => s.LeadDepartment!.Name),
            // Without a due date last both ways, on both engines (PostgreSQL would put NULL first descending; decision 0117).
            "DueOn" => d ? items.OrderBy(s => s.DueOn == null).ThenByDescending(s => s.DueOn) : items.OrderBy(s => s.DueOn == null).ThenBy(s => s.DueOn),
            "UrgeCount" => d ? items.OrderByDescending(s => s.UrgeCount) : items.OrderBy(s => s.UrgeCount),
            _ => d ? items.OrderByDescending(s => s.Number) : items.OrderBy(s => s.Number),
        };
        var rows = await ordered.ThenBy(s => s.Id).Skip(query.SafePage * query.SafePageSize).Take(query.SafePageSize)
            .Select(s => new
            {
                s.Id, s.Year, s.Number, s.Title, DeputyName = s.Deputy!.Name, s.Deputy.DeputyNumber, s.Status, Department = s.LeadDepartment!.Name,
                s.SubmittedOn, s.AssignedOn, s.DueOn, s.UrgeCount, s.ReplyCategory, s.Rating, s.IsKey,
            }).AsNoTracking().ToListAsync(ct);
        return new PagedResult<SuggestionRow>(rows.Select(r => new SuggestionRow(r.Id, r.Year, r.Number, r.Title, r.DeputyName, r.DeputyNumber, r.Status,
            r.Department, r.SubmittedOn, r.AssignedOn, r.DueOn, SuggestionClock.Mark(r.DueOn, r.Status == SuggestionStatus.Handling, today, rules),
            r.UrgeCount, r.ReplyCategory, r.Rating, r.IsKey)).ToList(), total);
    }

    /// <summary>Per lead department: count, on-time rate, A-D split (sums to 100), satisfaction; counted in SQL, in the caller's scope.</summary>
    public async Task<IReadOnlyList<DepartmentFigures>> StatisticsAsync(Caller caller, int year, CancellationToken ct = default)
    {
        Guard.Allow(SuggestionPolicy.CanReadAll(caller) || caller.IsDepartmentHandler, caller, "Suggestion.Statistics", logger, year);
        await using var db = await factory.CreateDbContextAsync(ct);
        var items = db.Suggestions.AsNoTracking().Where(s => s.Year == year && s.LeadDepartmentId != null);
        if (caller.IsDepartmentHandler) items = items.Where(s => s.LeadDepartmentId == caller.DepartmentId);
        var counts = await items.GroupBy(s => s.LeadDepartmentId!.Value).Select(g => new
        {
            DepartmentId = g.Key,
            Count = g.Count(),
            Replied = g.Count(s => s.RepliedOnTime != null),
            OnTime = g.Count(s => s.RepliedOnTime == true),
            A = g.Count(s => s.ReplyCategory == ReplyCategory.A),
            B = g.Count(s => s.ReplyCategory == ReplyCategory.B),
            C = g.Count(s => s.ReplyCategory == ReplyCategory.C),
            D = g.Count(s => s.ReplyCategory == ReplyCategory.D),
            Satisfied = g.Count(s => s.Rating == SatisfactionOption.Satisfied && s.Status != SuggestionStatus.Handling),
            Basically = g.Count(s => s.Rating == SatisfactionOption.BasicallySatisfied && s.Status != SuggestionStatus.Handling),
            Dissatisfied = g.Count(s => s.Rating == SatisfactionOption.Dissatisfied && s.Status != SuggestionStatus.Handling),
        }).ToListAsync(ct);
        var ids = counts.Select(c => c.DepartmentId).ToList();
        var names = await db.GovernmentDepartments.AsNoTracking().Where(d => ids.Contains(d.Id)).ToDictionaryAsync(d => d.Id, d => d.Name, ct);
        return counts.Select(c => SuggestionStatistics.Figures(c.DepartmentId, names.GetValueOrDefault(c.DepartmentId, ""),
                new DepartmentCounts(c.Count, c.Replied, c.OnTime, c.A, c.B, c.C, c.D, c.Satisfied, c.Basically, c.Dissatisfied)))
            .OrderBy(f => f.Department, StringComparer.Ordinal).ToList();
    }

    /// <summary>The congress sessions (years) that hold suggestions, and this year, newest first.</summary>
    public async Task<IReadOnlyList<int>> YearsAsync(CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var years = await db.Suggestions.AsNoTracking().Select(s => s.Year).Distinct().ToListAsync(ct);
        return years.Append(Today.Year).Distinct().OrderDescending().ToList();
    }

    /// <summary>Deputies in office to pick as the lead or a co-signer, by name or number (any caller who may submit).</summary>
    public async Task<IReadOnlyList<Option>> DeputyOptionsAsync(Caller caller, string? search, CancellationToken ct = default)
    {
        Guard.Allow(caller.IsCountyStaff || caller.IsTownClerk || caller.IsDeputy, caller, "Suggestion.DeputyOptions", logger);
        await using var db = await factory.CreateDbContextAsync(ct);
        var deputies = db.Deputies.AsNoTracking().Where(d => d.Status == DeputyStatus.Active);
        if (!string.IsNullOrWhiteSpace(search))
        {
            var text = search.Trim();
            deputies = deputies.Where(d => d.Name.Contains(text) || d.DeputyNumber.Contains(text));
        }

        return await deputies.OrderBy(d => d.DeputyNumber).Take(20).Select(d => new Option(d.Id, d.DeputyNumber + " " + d.Name)).ToListAsync(ct);
    }

    /// <summary>The standing committee's vice-chairmen in office, who supervise key suggestions.</summary>
    public async Task<IReadOnlyList<Option>> SupervisorOptionsAsync(CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        return await db.CommitteeMembers.AsNoTracking().Where(m => m.IsActive && m.Position == Committee.CommitteePosition.ViceChairman)
            .OrderBy(m => m.Name).Select(m => new Option(m.Id, m.Name)).ToListAsync(ct);
    }

    /// <summary>The departments a suggestion can be assigned to.</summary>
    public async Task<IReadOnlyList<Option>> DepartmentOptionsAsync(CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var year = Today.Year;
        var all = await db.GovernmentDepartments.AsNoTracking().OrderBy(d => d.Name).ToListAsync(ct);
        return all.Where(d => d.ActiveTo is null || d.ActiveTo.Value.Year >= year).Select(d => new Option(d.Id, d.Name)).ToList();
    }

    /// <summary>A year's suggestions in the file's shape (section 7), in number order; county staff and committee members.</summary>
    public async Task<IReadOnlyList<SuggestionExportRow>> ExportRowsAsync(Caller caller, int year, CancellationToken ct = default)
    {
        Guard.Allow(SuggestionPolicy.CanReadAll(caller), caller, "Suggestion.Export", logger, year);
        await using var db = await factory.CreateDbContextAsync(ct);
        var items = await db.Suggestions.AsNoTracking().Where(s => s.Year == year).OrderBy(s => s.Number)
            .Include(s => s.Deputy).Include(s => s.LeadDepartment).Include(s => s.CoSigners).Include(s => s.CoHandlers).Include(s => s.Replies)
            .AsSplitQuery().ToListAsync(ct);
        var deputyIds = items.SelectMany(s => s.CoSigners.Select(c => c.DeputyId)).Distinct().ToList();
        var numbers = await db.Deputies.AsNoTracking().Where(d => deputyIds.Contains(d.Id)).ToDictionaryAsync(d => d.Id, d => d.DeputyNumber, ct);
        var departments = await db.GovernmentDepartments.AsNoTracking().ToDictionaryAsync(d => d.Id, d => d.Name, ct);
        return items.Select(s => new SuggestionExportRow(s.Number, s.Year,
            new[] { s.Deputy!.DeputyNumber }.Concat(s.CoSigners.OrderBy(c => c.Id).Select(c => numbers[c.DeputyId])).ToList(), s.Title, s.Content,
            s.LeadDepartment?.Name, s.CoHandlers.OrderBy(c => c.Id).Select(c => departments[c.DepartmentId]).ToList(), s.AssignedOn, s.DueOn,
            s.ReplyCategory, s.Replies.OrderBy(r => r.Round).LastOrDefault()?.RepliedOn,
            s.Status is SuggestionStatus.Rated or SuggestionStatus.Closed ? s.Rating : null, s.IsKey, s.Supervisor)).ToList();
    }

    /// <summary>The suggestions the caller may see, as a query (the same scope as <see cref="SuggestionPolicy.CanRead"/>).</summary>
    private IQueryable<Suggestion> Scope(DeputyDbContext db, Caller caller)
    {
        var all = db.Suggestions.AsNoTracking();
        if (SuggestionPolicy.CanReadAll(caller)) return all;
        if (caller.IsDepartmentHandler && caller.DepartmentId is { } d)
        {
            return all.Where(s => s.LeadDepartmentId == d || s.CoHandlers.Any(c => c.DepartmentId == d));
        }

        if (caller.IsDeputy && caller.DeputyId is { } me) return all.Where(s => s.DeputyId == me || s.CoSigners.Any(c => c.DeputyId == me));
        if (caller.IsTownClerk && caller.TownId is { } t) return all.Where(s => s.TownId == t);
        Guard.Allow(false, caller, "Suggestion.List", logger);
        return all;
    }

    private static IQueryable<Suggestion> Load(DeputyDbContext db) => db.Suggestions
        .Include(s => s.Deputy).Include(s => s.LeadDepartment).Include(s => s.CoSigners).Include(s => s.CoHandlers).Include(s => s.Replies)
        .Include(s => s.Events).Include(s => s.Visits).Include(s => s.Attachments).AsSplitQuery();

    /// <summary>A committee member's caller with his own committee record (by his account's user name), so the policy knows the vice-chairman.</summary>
    private static async Task<Caller> WithMemberAsync(DeputyDbContext db, Caller caller, CancellationToken ct)
    {
        if (!caller.IsCommitteeMember || caller.CommitteeMemberId is not null) return caller;
        var id = await db.CommitteeMembers.AsNoTracking().Where(m => m.IsActive && m.UserName == caller.UserName).Select(m => (int?)m.Id).FirstOrDefaultAsync(ct);
        return caller with { CommitteeMemberId = id };
    }

    private static AttachmentView ToView(SuggestionAttachment a) =>
        new(a.Id, a.Kind, a.ReplyRound, a.OriginalName, a.ContentType, a.SizeBytes, a.Sha256, a.UploadedBy, a.UploadedAtUtc);

    /// <summary>Loads, checks scope (read), right (act) and state, runs the change and saves, all in one transaction.</summary>
    private async Task ActAsync(Caller caller, int id, SuggestionAction action, Func<Suggestion, DeputyDbContext, Task> change, CancellationToken ct)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        db.AuditActor = caller.UserName;
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var s = await Load(db).FirstOrDefaultAsync(x => x.Id == id, ct) ?? throw new NotFoundException();
        caller = await WithMemberAsync(db, caller, ct);
        Guard.Allow(SuggestionPolicy.CanRead(caller, s) && SuggestionPolicy.CanAct(caller, s, action), caller, "Suggestion." + action, logger, id);
        if (!s.AllowedActions().Contains(action)) throw new DomainException("Suggestion_IllegalTransition");
        await change(s, db);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
    }

    /// <summary>The approved suggestion duty of the lead deputy (and the co-signers when the rule set says so), once each, with the score totals.</summary>
    private Task RecordDutiesAsync(DeputyDbContext db, Suggestion s, Caller caller, CancellationToken ct) => RecordDutiesAsync(db, s, caller.UserName, Now, ct);

    internal static async Task RecordDutiesAsync(DeputyDbContext db, Suggestion s, string by, DateTime nowUtc, CancellationToken ct)
    {
        var rules = await RulesAsync(db, s.Year, ct);
        var deputyIds = rules.CoSignersEarnDuty ? s.DeputyIds().ToList() : [s.DeputyId];
        var key = DutyKey(s.Id);
        var have = await db.DutyLogs.Where(l => deputyIds.Contains(l.DeputyId) && l.ImportKey == key).Select(l => l.DeputyId).ToListAsync(ct);
        var towns = await db.Deputies.Where(d => deputyIds.Contains(d.Id)).ToDictionaryAsync(d => d.Id, d => d.TownId, ct);
        // The duty is the submission: dated on it (an imported suggestion of another session's year on its session's first day).
        var date = s.SubmittedOn.Year == s.Year ? s.SubmittedOn : new DateOnly(s.Year, 1, 1);
        var logs = deputyIds.Except(have).Select(deputyId => DutyLog.RecordByProcedure(deputyId, towns[deputyId], date, DutyCategory.Suggestion, key,
            DomainText.Format("Suggestion_DutyDescription", s.Year, s.Number, s.Title), by, nowUtc)).ToList();
        if (logs.Count == 0) return;
        db.DutyLogs.AddRange(logs);
        await db.SaveChangesAsync(ct);
        var delta = new ScoreTotalsDelta();
        logs.ForEach(delta.Counts);
        await ScoreQueries.ApplyAsync(db, delta, ct);
    }

    private static async Task RemoveDutiesAsync(DeputyDbContext db, Suggestion s, CancellationToken ct)
    {
        var key = DutyKey(s.Id);
        var logs = await db.DutyLogs.Where(l => l.ImportKey == key && l.Source == DutyLogSource.Procedure).ToListAsync(ct);
        if (logs.Count == 0) return;
        var delta = new ScoreTotalsDelta();
        foreach (var log in logs.Where(l => l.Status == DutyLogStatus.Approved))
        {
            delta.Withdraws(log.DeputyId, log.Year, log.CategoryCode, log.Count);
        }

        db.DutyLogs.RemoveRange(logs);
        await db.SaveChangesAsync(ct);
        await ScoreQueries.ApplyAsync(db, delta, ct);
    }
}
