using DeputyPerformance.Domain.Common;
using DeputyPerformance.Domain.Deputies;

namespace DeputyPerformance.Tests.Deputies;

public sealed class DeputyTests
{
    private static readonly DateOnly Since = new(2026, 3, 1);

    private static Deputy NewDeputy() => new(1, "C001", "陈伟", DeputyLevel.County, 1);

    [Fact]
    public void ANewDeputyIsActiveWithoutStatusDate()
    {
        var deputy = NewDeputy();

        Assert.Equal(DeputyStatus.Active, deputy.Status);
        Assert.Null(deputy.StatusSince);
    }

    [Theory]
    [InlineData(DeputyStatus.Suspended)]
    [InlineData(DeputyStatus.Terminated)]
    public void ChangeStatusRecordsTheDate(DeputyStatus status)
    {
        var deputy = NewDeputy();

        deputy.ChangeStatus(status, Since);

        Assert.Equal(status, deputy.Status);
        Assert.Equal(Since, deputy.StatusSince);
    }

    [Theory]
    [InlineData(DeputyStatus.Suspended)]
    [InlineData(DeputyStatus.Terminated)]
    public void ChangeStatusRequiresADateAndChangesNothingWithout(DeputyStatus status)
    {
        var deputy = NewDeputy();

        var ex = Assert.Throws<DomainException>(() => deputy.ChangeStatus(status, null));

        Assert.Equal("Deputy_StatusDateRequired", ex.Key);
        Assert.Equal(DeputyStatus.Active, deputy.Status);
    }

    [Fact]
    public void RestoringASuspendedDeputyClearsTheDate()
    {
        var deputy = NewDeputy();
        deputy.ChangeStatus(DeputyStatus.Suspended, Since);

        deputy.ChangeStatus(DeputyStatus.Active, null);

        Assert.Equal(DeputyStatus.Active, deputy.Status);
        Assert.Null(deputy.StatusSince);
    }

    [Theory]
    [InlineData(DeputyStatus.Active)]
    [InlineData(DeputyStatus.Suspended)]
    public void TerminatedIsFinal(DeputyStatus next)
    {
        var deputy = NewDeputy();
        deputy.ChangeStatus(DeputyStatus.Terminated, Since);

        var ex = Assert.Throws<DomainException>(() => deputy.ChangeStatus(next, Since.AddDays(1)));

        Assert.Equal("Deputy_TerminatedIsFinal", ex.Key);
        Assert.Equal(DeputyStatus.Terminated, deputy.Status);
        Assert.Equal(Since, deputy.StatusSince);
    }

    [Fact]
    public void ChangingToTheSameStatusIsANoOp()
    {
        var deputy = NewDeputy();
        deputy.ChangeStatus(DeputyStatus.Terminated, Since);

        deputy.ChangeStatus(DeputyStatus.Terminated, null);

        Assert.Equal(Since, deputy.StatusSince);
    }
}
