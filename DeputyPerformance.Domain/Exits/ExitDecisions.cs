using System.Globalization;
using DeputyPerformance.Domain.Common;
using DeputyPerformance.Domain.Deputies;

namespace DeputyPerformance.Domain.Exits;

/// <summary>A decided count: yes against the number needed, the rule that decided, and a text for the case's timeline.</summary>
public sealed record ExitDecision(bool Passed, int Yes, int Base, int Needed, string RuleKey)
{
    /// <summary>Language-neutral record kept in the step (the page names the rule from <see cref="RuleKey"/>).</summary>
    public string Text => string.Create(CultureInfo.InvariantCulture, $"{Yes} / {Base} (needed {Needed})");
}

/// <summary>The majorities of the exit procedure (选举法), pure functions over counts entered by clerks.</summary>
public static class ExitDecisions
{
    /// <summary>
    /// A county deputy's resignation: more than half of ALL standing-committee members (35: 18 accepted, 17 rejected
    /// however many were present); a town deputy's: more than half of the town congress's deputies.
    /// </summary>
    public static ExitDecision Resignation(DeputyLevel level, int allMembers, int present, int yes)
    {
        if (allMembers <= 0 || present < 0 || present > allMembers || yes < 0 || yes > present)
        {
            throw new DomainException("Exit_CountsInvalid");
        }

        var needed = allMembers / 2 + 1;
        return new ExitDecision(yes >= needed, yes, allMembers, needed,
            level == DeputyLevel.County ? "ExitDecision_ResignationCommittee" : "ExitDecision_ResignationTownCongress");
    }

    /// <summary>A recall petition: at least 50 voters of a county deputy's district, 30 of a town deputy's (the year's rules).</summary>
    public static ExitDecision Petition(DeputyLevel level, int signers, ExitRuleSet rules)
    {
        if (signers < 0) throw new DomainException("Exit_CountsInvalid");
        var needed = level == DeputyLevel.County ? rules.RecallPetitionCounty : rules.RecallPetitionTown;
        return new ExitDecision(signers >= needed, signers, signers, needed,
            level == DeputyLevel.County ? "ExitDecision_PetitionCounty" : "ExitDecision_PetitionTown");
    }

    /// <summary>The district's recall vote passes with more than half of its registered voters (2,400: 1,201 passes, 1,200 fails).</summary>
    public static ExitDecision Recall(int registeredVoters, int yes)
    {
        if (registeredVoters <= 0 || yes < 0 || yes > registeredVoters) throw new DomainException("Exit_CountsInvalid");
        var needed = registeredVoters / 2 + 1;
        return new ExitDecision(yes >= needed, yes, registeredVoters, needed, "ExitDecision_RecallDistrict");
    }
}
