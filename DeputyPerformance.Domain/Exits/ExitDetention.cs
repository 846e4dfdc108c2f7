using DeputyPerformance.Domain.Common;

namespace DeputyPerformance.Domain.Exits;

/// <summary>A criminal detention of a deputy recorded by a clerk: it raises the detention flag (suspension, red line).</summary>
public class ExitDetention
{
    private ExitDetention() { }

    public ExitDetention(int deputyId, DateOnly detainedOn, string recordedBy, DateTime atUtc)
    {
        DeputyId = deputyId;
        DetainedOn = detainedOn;
        RecordedBy = recordedBy;
        RecordedUtc = atUtc;
    }

    public int Id { get; private set; }
    public int DeputyId { get; private set; }
    public DateOnly DetainedOn { get; private set; }
    public DateOnly? ReleasedOn { get; private set; }
    public bool Convicted { get; private set; }
    public string RecordedBy { get; private set; } = "";
    public DateTime RecordedUtc { get; private set; }

    public void Release(DateOnly on, bool convicted)
    {
        if (ReleasedOn is not null) throw new DomainException("Exit_AlreadyReleased");
        if (on < DetainedOn) throw new DomainException("Exit_ReleaseBeforeDetention");
        ReleasedOn = on;
        Convicted = convicted;
    }

    public DetentionFact Fact => new(Id, DetainedOn, ReleasedOn, Convicted);
}
