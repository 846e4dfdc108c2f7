using DeputyPerformance.Domain.Ballots;
using DeputyPerformance.Domain.Evaluations;
using DeputyPerformance.Domain.Organization;
using DeputyPerformance.Domain.Persistence;
using Microsoft.EntityFrameworkCore;

namespace DeputyPerformance.Domain.Seeding;

/// <summary>
/// The demo county's department evaluations: six departments in each of the term's last three years, through the
/// domain's own transitions. The earliest year is closed (one after a 不满意 grade, its rectification and a re-vote),
/// the middle one has a rectification still open, the last one has a department in every phase; the other twelve
/// departments are still due in the term.
/// </summary>
internal static class DemoEvaluations
{
    private const int Members = 35;
    private const int Present = 30;

    public static async Task AddAsync(DeputyDbContext db, Term term, CancellationToken ct)
    {
        var departments = await db.GovernmentDepartments.OrderBy(d => d.Id).Select(d => d.Id).ToListAsync(ct);
        var rules = EvaluationRuleSet.Defaults(0);
        var next = 0;
        for (var year = term.EndYear - 2; year <= term.EndYear; year++)
        {
            var age = term.EndYear - year;
            for (var i = 0; i < 6 && next < departments.Count; i++)
            {
                db.DepartmentEvaluations.Add(Build(departments[next++], year, i, age, rules));
            }
        }

        await db.SaveChangesAsync(ct);
    }

    /// <summary>The n-th evaluation of a year; age 2 = the oldest year (all closed), 0 = the last year (every phase).</summary>
    private static DepartmentEvaluation Build(int departmentId, int year, int n, int age, EvaluationRuleSet rules)
    {
        DateOnly D(int month, int day) => new(year, month, day);
        var e = new DepartmentEvaluation(departmentId, year, D(3, 1));
        e.PlanPhase(EvaluationPhase.Publicity, D(3, 1), D(3, 14), "常委会办公室", null);
        e.PlanPhase(EvaluationPhase.SelfCheck, D(3, 15), D(4, 14), "被评议部门", null);
        e.PlanPhase(EvaluationPhase.Investigation, D(4, 15), D(6, 10), "评议调查组", null);
        e.PlanPhase(EvaluationPhase.HearingAndVote, D(6, 11), D(6, 30), "常委会办公室", null);
        e.PlanPhase(EvaluationPhase.FeedbackAndPublication, D(7, 1), D(7, 20), "常委会办公室", null);
        var stop = age == 0 ? n : 99;
        if (stop == 0) return e;
        e.CompletePhase(D(3, 15));
        if (stop == 1) return e;
        e.CompletePhase(D(4, 15));
        if (stop == 2) return e;
        e.CompletePhase(D(6, 11));
        if (stop == 3) return e;
        // Grades: each year one 不满意 (the first), one 基本满意, the rest 满意.
        var (s, b, d) = n switch
        {
            0 => (6, 8, 16),
            1 => (12, 14, 4),
            _ => (22, 6, 2),
        };
        if (age == 2 && n == 2)
        {
            // A vote that had to be held again: more ballots returned than issued.
            e.RecordVote(EvaluationVoteResults.Tally(TallyCounts.From(Present, Present + 1, 0, Present + 1, 0, 0), Members, Present, GradingDenominator.AllMembers), rules, D(6, 20));
        }

        if (age == 0 && n >= 4)
        {
            (s, b, d) = (6, 8, 16);
        }

        e.RecordVote(EvaluationVoteResults.Tally(TallyCounts.From(Present, Present, 0, s, b, d), Members, Present, GradingDenominator.AllMembers), rules, D(6, 20));
        if (stop == 4) return e;
        e.Publish(D(7, 10), rules);
        if (e.Phase == EvaluationPhase.Closed || stop == 5 || (age == 1 && n == 0)) return e;
        e.ReceiveRectificationReport(D(9, 30));
        if (e.Grade == EvaluationOutcome.Dissatisfied)
        {
            e.StartRevote(D(11, 1));
            e.RecordVote(EvaluationVoteResults.Tally(TallyCounts.From(Present, Present, 0, 12, 14, 4), Members, Present, GradingDenominator.AllMembers), rules, D(11, 15));
        }
        else
        {
            e.Close(D(10, 15));
        }

        return e;
    }
}
