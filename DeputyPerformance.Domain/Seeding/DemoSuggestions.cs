using System.Text.Json;
using DeputyPerformance.Domain.Ballots;
using DeputyPerformance.Domain.Duties;
using DeputyPerformance.Domain.Organization;
using DeputyPerformance.Domain.Persistence;
using DeputyPerformance.Domain.Suggestions;
using Microsoft.EntityFrameworkCore;

namespace DeputyPerformance.Domain.Seeding;

/// <summary>
/// Two congress sessions of suggestions (the term's last two years), twelve each, in every state: submitted, returned,
/// a letter, accepted, in handling (urged, extended), replied, reopened after 不满意, rated and closed, two key ones.
/// Accepted suggestions carry their deputy's suggestion duty log, as the app writes it. Seeded ratings have no vote.
/// </summary>
internal static class DemoSuggestions
{
    public static DemoSuggestionData Load()
    {
        using var stream = typeof(DemoSuggestions).Assembly.GetManifestResourceStream("DemoSuggestions.json")!;
        return JsonSerializer.Deserialize<DemoSuggestionData>(stream, new JsonSerializerOptions { PropertyNameCaseInsensitive = true })!;
    }

    public static async Task AddAsync(DeputyDbContext db, Term term, CancellationToken ct)
    {
        var data = Load();
        var departments = await db.GovernmentDepartments.Where(d => data.Departments.Contains(d.Name)).ToDictionaryAsync(d => d.Name, d => d.Id, ct);
        var ids = data.Departments.Select(n => departments[n]).ToList();
        var deputies = await db.Deputies.Where(d => d.TermId == term.Id).OrderBy(d => d.Id).Select(d => new { d.Id, d.TownId }).ToListAsync(ct);
        var rules = SuggestionRuleSet.Defaults(0);
        var viceChairmen = await db.CommitteeMembers.Where(m => m.TermId == term.Id && m.IsActive && m.Position == Committee.CommitteePosition.ViceChairman)
            .OrderBy(m => m.Id).Select(m => new DemoSupervisor(m.Id, m.Name)).ToListAsync(ct);
        var made = new List<Suggestion>();
        foreach (var year in new[] { term.EndYear - 1, term.EndYear })
        {
            for (var i = 0; i < 12; i++)
            {
                // The demo deputy (the first) leads one suggestion a year; the others spread over the county.
                var lead = deputies[i == 0 ? 0 : (i * 7 + year) % deputies.Count];
                var coSigner = deputies[(i * 11 + year + 3) % deputies.Count].Id;
                DateTime At(int month, int day) => new(year, month, day, 9, 0, 0, DateTimeKind.Utc);
                var s = new Suggestion(year, i + 1, lead.Id, lead.TownId, data.Titles[i], data.Content, data.Fields[i % data.Fields.Count],
                    i % 3 == 1 ? [coSigner] : [], "seed-demo", At(1, 10));
                Build(s, i, ids, data, rules, At);
                Supervise(s, i, viceChairmen, data, At);
                made.Add(s);
            }
        }

        db.Suggestions.AddRange(made);
        await db.SaveChangesAsync(ct);
        foreach (var s in made.Where(s => s.Status is not (SuggestionStatus.Submitted or SuggestionStatus.Returned or SuggestionStatus.Letter)))
        {
            db.DutyLogs.Add(DutyLog.RecordByProcedure(s.DeputyId, s.TownId, s.SubmittedOn, DutyCategory.Suggestion, SuggestionService.DutyKey(s.Id),
                string.Format(System.Globalization.CultureInfo.InvariantCulture, "{0}-{1:000}: {2}", s.Year, s.Number, s.Title), "seed-demo",
                new DateTime(s.Year, 1, 20, 9, 0, 0, DateTimeKind.Utc)));
        }

        await db.SaveChangesAsync(ct);
    }

    /// <summary>The i-th suggestion of a session, taken to its demo state.</summary>
    private static void Build(Suggestion s, int i, IReadOnlyList<int> departments, DemoSuggestionData data, SuggestionRuleSet rules, Func<int, int, DateTime> at)
    {
        const string Clerk = "seed-demo";
        DateOnly On(int month, int day) => DateOnly.FromDateTime(at(month, day));
        switch (i)
        {
            case 0: return;
            case 1:
                s.Return(data.ReturnReason, Clerk, at(1, 20));
                return;
            case 2:
                s.TurnIntoLetter(data.LetterNote, Clerk, at(1, 20));
                return;
        }

        s.Accept(Clerk, at(1, 20));
        if (i == 3) return;
        var lead = i % 3 == 0 ? departments[0] : departments[i % departments.Count];
        var co = i % 2 == 0 ? new[] { departments[(i + 1) % departments.Count] } : [];
        s.Assign(lead, co.Where(c => c != lead), On(2, 1), rules, Clerk, at(2, 1));
        if (i == 4)
        {
            s.Urge(data.UrgeNote, Clerk, at(4, 20));
            s.Urge(data.UrgeNote, Clerk, at(4, 28));
            return;
        }

        if (i == 5)
        {
            s.Extend(data.ExtensionReason, rules, Clerk, at(4, 15));
            return;
        }

        if (i == 11) s.ChangeDepartment(departments[0] == lead ? departments[1] : departments[0], data.ChangeReason, Clerk, at(2, 10));
        if (s.CoHandlers.Count > 0) s.SendCoOpinion(s.CoHandlers[0].DepartmentId, data.CoOpinion, Clerk, at(2, 25));
        var category = (ReplyCategory)(i % 4);
        s.Reply(category, data.Replies[category.ToString()], data.Contact, On(4, 10 + i), Clerk, at(4, 10 + i));
        if (i == 6) return;
        if (i is 7 or 11)
        {
            s.Rate(SatisfactionOption.Dissatisfied, On(4, 25), null, rules, Clerk, at(4, 25));
            if (i == 7) return;
            s.Reply(ReplyCategory.A, data.Replies["A"], data.Contact, On(5, 20), Clerk, at(5, 20));
        }

        s.Rate(i == 8 ? SatisfactionOption.BasicallySatisfied : SatisfactionOption.Satisfied, On(6, 1), null, rules, Clerk, at(6, 1));
        if (i == 8) return;
        s.Close(Clerk, at(6, 10));
    }

    /// <summary>
    /// Key suggestions and published replies: three key ones a session (one in handling, two closed) under the first
    /// vice-chairmen, each with its plan and visits (the demo committee account is the first vice-chairman, so "my key
    /// suggestions" shows them); the replies of the rated and closed ones are published.
    /// </summary>
    private static void Supervise(Suggestion s, int i, IReadOnlyList<DemoSupervisor> viceChairmen, DemoSuggestionData data, Func<int, int, DateTime> at)
    {
        const string Clerk = "seed-demo";
        if (i is 8 or 9 or 10) s.PublishReply(true, Clerk, at(6, 12));
        if (i is not (4 or 10 or 11) || viceChairmen.Count == 0) return;
        var supervisor = viceChairmen[i == 11 && viceChairmen.Count > 1 ? 1 : 0];
        s.MakeKey(supervisor.Id, supervisor.Name, Clerk, at(2, 5));
        s.PlanSupervision(data.Plan, DateOnly.FromDateTime(at(2, 10)), DateOnly.FromDateTime(at(10, 31)), i == 11 ? KeyVoteBody.Deputies : KeyVoteBody.Committee,
            Clerk, at(2, 10));
        s.LogVisit(DateOnly.FromDateTime(at(3, 15)), VisitKind.Visit, supervisor.Name + data.ListSeparator + data.VisitParticipants, data.VisitNotes, Clerk, at(3, 15));
        if (i != 4) s.LogVisit(DateOnly.FromDateTime(at(5, 28)), VisitKind.Meeting, supervisor.Name + data.ListSeparator + data.MeetingParticipants, data.MeetingNotes, Clerk, at(5, 28));
    }

    private sealed record DemoSupervisor(int Id, string Name);

    internal sealed record DemoHandler(string User, string Display, string Department);

    internal sealed record DemoSuggestionData(
        DemoHandler Handler, string Plan, string VisitParticipants, string VisitNotes, string MeetingParticipants, string MeetingNotes, string ListSeparator, List<string> Fields, List<string> Departments, List<string> Titles, string Content, string ReturnReason,
        string LetterNote, string ExtensionReason, string ChangeReason, string UrgeNote, string CoOpinion, Dictionary<string, string> Replies, string Contact);
}
