namespace DeputyPerformance.Domain.Evaluations;

/// <summary>
/// The phases of one department's evaluation (武进): the state of the workflow, stored by name. Closed and Withdrawn
/// end it; Revote is only reached after a 不满意 grade and the rectification report.
/// </summary>
public enum EvaluationPhase
{
    Publicity,
    SelfCheck,
    Investigation,
    HearingAndVote,
    FeedbackAndPublication,
    Rectification,
    RectificationReport,
    Revote,
    Closed,
    Withdrawn,
}

/// <summary>What a user can do to an evaluation; the evaluation says which are allowed now.</summary>
public enum EvaluationAction
{
    /// <summary>Close the current preparatory phase and start the next one.</summary>
    CompletePhase,
    /// <summary>Hold the committee's vote (again after a void or refused one).</summary>
    HoldVote,
    /// <summary>Give the feedback and publish the result; the rectification starts (or the evaluation closes on 满意).</summary>
    Publish,
    /// <summary>The department has handed in its rectification report.</summary>
    ReceiveRectificationReport,
    /// <summary>After a 不满意 grade: the committee votes again on the rectification.</summary>
    StartRevote,
    Close,
    /// <summary>Take the department out of the year's plan before any result.</summary>
    Withdraw,
}

/// <summary>What one committee vote on an evaluation came to; <see cref="Void"/> and <see cref="NoQuorum"/> are held again.</summary>
public enum EvaluationOutcome
{
    Satisfied,
    BasicallySatisfied,
    Dissatisfied,
    Void,
    NoQuorum,
}

/// <summary>The first vote after the hearing, or the re-vote after the rectification report.</summary>
public enum EvaluationRound
{
    Hearing,
    Revote,
}

public static class EvaluationCodes
{
    /// <summary>The outcome as the export contract writes it (domain.md section 7).</summary>
    public static string ContractCode(this EvaluationOutcome outcome) => outcome switch
    {
        EvaluationOutcome.Satisfied => "satisfied",
        EvaluationOutcome.BasicallySatisfied => "basically-satisfied",
        EvaluationOutcome.Dissatisfied => "dissatisfied",
        EvaluationOutcome.Void => "void",
        _ => "no-quorum",
    };

    public static bool IsGrade(this EvaluationOutcome outcome) => outcome is EvaluationOutcome.Satisfied or EvaluationOutcome.BasicallySatisfied or EvaluationOutcome.Dissatisfied;

    /// <summary>The phases a department goes through, in order (without the end states).</summary>
    public static IReadOnlyList<EvaluationPhase> Workflow { get; } =
    [
        EvaluationPhase.Publicity, EvaluationPhase.SelfCheck, EvaluationPhase.Investigation, EvaluationPhase.HearingAndVote,
        EvaluationPhase.FeedbackAndPublication, EvaluationPhase.Rectification, EvaluationPhase.RectificationReport, EvaluationPhase.Revote,
    ];
}
