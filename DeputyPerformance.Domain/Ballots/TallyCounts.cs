using DeputyPerformance.Domain.Common;

namespace DeputyPerformance.Domain.Ballots;

/// <summary>The three options of every satisfaction vote; their Chinese names live in the resources (BallotText).</summary>
public enum SatisfactionOption
{
    Satisfied,
    BasicallySatisfied,
    Dissatisfied,
}

/// <summary>
/// The counts of one satisfaction vote (or one ballot box): issued, returned, invalid, and the three options.
/// Created only through <see cref="From"/>, which refuses counts that do not add up. Returned &gt; issued is
/// accepted here: it is a fact of the count, and the tally declares such a vote void.
/// </summary>
public sealed record TallyCounts
{
    private TallyCounts(int issued, int returned, int invalid, int satisfied, int basicallySatisfied, int dissatisfied)
    {
        Issued = issued;
        Returned = returned;
        Invalid = invalid;
        Satisfied = satisfied;
        BasicallySatisfied = basicallySatisfied;
        Dissatisfied = dissatisfied;
    }

    public int Issued { get; }
    public int Returned { get; }
    public int Invalid { get; }
    public int Satisfied { get; }
    public int BasicallySatisfied { get; }
    public int Dissatisfied { get; }

    /// <summary>Blank and double-marked ballots are invalid and not in the denominator.</summary>
    public int Valid => Returned - Invalid;

    public static TallyCounts Empty { get; } = new(0, 0, 0, 0, 0, 0);

    public static TallyCounts From(int issued, int returned, int invalid, int satisfied, int basicallySatisfied, int dissatisfied)
    {
        if (issued < 0 || returned < 0 || invalid < 0 || satisfied < 0 || basicallySatisfied < 0 || dissatisfied < 0)
        {
            throw new DomainException("Ballot_NegativeCount");
        }

        if (invalid > returned)
        {
            throw new DomainException("Ballot_InvalidOverReturned", invalid, returned);
        }

        var marked = (long)satisfied + basicallySatisfied + dissatisfied;
        if (marked != returned - invalid)
        {
            throw new DomainException("Ballot_CountsDoNotAddUp", marked, returned - invalid, returned, invalid);
        }

        return new TallyCounts(issued, returned, invalid, satisfied, basicallySatisfied, dissatisfied);
    }

    /// <summary>Electronic ballots: every cast ballot was issued, returned and valid.</summary>
    public static TallyCounts FromBallots(IEnumerable<SatisfactionOption> ballots)
    {
        int s = 0, b = 0, d = 0;
        foreach (var option in ballots)
        {
            switch (option)
            {
                case SatisfactionOption.Satisfied: s++; break;
                case SatisfactionOption.BasicallySatisfied: b++; break;
                case SatisfactionOption.Dissatisfied: d++; break;
                default: throw new DomainException("ValueInvalid");
            }
        }

        var total = s + b + d;
        return From(total, total, 0, s, b, d);
    }

    /// <summary>The sum of the ballot boxes of one vote.</summary>
    public static TallyCounts Sum(IEnumerable<TallyCounts> boxes) =>
        boxes.Aggregate(Empty, (sum, box) => From(sum.Issued + box.Issued, sum.Returned + box.Returned, sum.Invalid + box.Invalid,
            sum.Satisfied + box.Satisfied, sum.BasicallySatisfied + box.BasicallySatisfied, sum.Dissatisfied + box.Dissatisfied));
}
