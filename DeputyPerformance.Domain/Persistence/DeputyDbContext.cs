using System.Text.Json;
using DeputyPerformance.Domain.Accounts;
using DeputyPerformance.Domain.Auditing;
using DeputyPerformance.Domain.Committee;
using DeputyPerformance.Domain.Departments;
using DeputyPerformance.Domain.Deputies;
using DeputyPerformance.Domain.Duties;
using DeputyPerformance.Domain.Organization;
using DeputyPerformance.Domain.Scoring;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;

namespace DeputyPerformance.Domain.Persistence;

public class DeputyDbContext(DbContextOptions<DeputyDbContext> options) : IdentityDbContext<AppUser>(options),
    Microsoft.AspNetCore.DataProtection.EntityFrameworkCore.IDataProtectionKeyContext
{
    /// <summary>The configured connection string, read from the options without starting EF's services (start-up checks).</summary>
    internal string? ConfiguredConnectionString { get; } =
        Microsoft.EntityFrameworkCore.Infrastructure.RelationalOptionsExtension.Extract(options).ConnectionString;

    /// <summary>The engine these options run on, read without starting EF's services.</summary>
    public DatabaseProvider Provider { get; } = DatabaseEngine.Of(options);

    public DbSet<Term> Terms => Set<Term>();
    public DbSet<Town> Towns => Set<Town>();
    public DbSet<ElectoralDistrict> ElectoralDistricts => Set<ElectoralDistrict>();
    public DbSet<Delegation> Delegations => Set<Delegation>();
    public DbSet<LiaisonStation> LiaisonStations => Set<LiaisonStation>();
    public DbSet<Deputy> Deputies => Set<Deputy>();
    public DbSet<GovernmentDepartment> GovernmentDepartments => Set<GovernmentDepartment>();
    public DbSet<CommitteeMember> CommitteeMembers => Set<CommitteeMember>();
    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();
    public DbSet<Ballots.SatisfactionVote> SatisfactionVotes => Set<Ballots.SatisfactionVote>();
    public DbSet<Ballots.BallotBoxEntry> BallotBoxEntries => Set<Ballots.BallotBoxEntry>();
    public DbSet<Ballots.VoteCorrection> VoteCorrections => Set<Ballots.VoteCorrection>();
    public DbSet<Ballots.VoteCodeBatch> VoteCodeBatches => Set<Ballots.VoteCodeBatch>();
    public DbSet<Ballots.VoteToken> VoteTokens => Set<Ballots.VoteToken>();
    public DbSet<Ballots.ElectronicBallot> ElectronicBallots => Set<Ballots.ElectronicBallot>();
    public DbSet<Ballots.SatisfactionRuleSet> SatisfactionRuleSets => Set<Ballots.SatisfactionRuleSet>();
    public DbSet<Reports.ConstituentReport> ConstituentReports => Set<Reports.ConstituentReport>();
    public DbSet<Reports.RectificationPlan> RectificationPlans => Set<Reports.RectificationPlan>();
    public DbSet<DutyLog> DutyLogs => Set<DutyLog>();
    public DbSet<EvidenceFile> EvidenceFiles => Set<EvidenceFile>();
    public DbSet<DutyImportBatch> DutyImportBatches => Set<DutyImportBatch>();
    public DbSet<ScoringRuleSet> ScoringRuleSets => Set<ScoringRuleSet>();
    public DbSet<RuleCategory> RuleCategories => Set<RuleCategory>();
    public DbSet<ScoreSnapshot> ScoreSnapshots => Set<ScoreSnapshot>();
    public DbSet<ScoreYearState> ScoreYearStates => Set<ScoreYearState>();
    public DbSet<DeputyYearTotal> DeputyYearTotals => Set<DeputyYearTotal>();
    public DbSet<ScoreChange> ScoreChanges => Set<ScoreChange>();
    public DbSet<ShortlistDecision> ShortlistDecisions => Set<ShortlistDecision>();
    public DbSet<Evaluations.DepartmentEvaluation> DepartmentEvaluations => Set<Evaluations.DepartmentEvaluation>();
    public DbSet<Evaluations.EvaluationPhaseRecord> EvaluationPhases => Set<Evaluations.EvaluationPhaseRecord>();
    public DbSet<Evaluations.EvaluationVoteRecord> EvaluationVotes => Set<Evaluations.EvaluationVoteRecord>();
    public DbSet<Evaluations.EvaluationDocument> EvaluationDocuments => Set<Evaluations.EvaluationDocument>();
    public DbSet<Evaluations.EvaluationRuleSet> EvaluationRuleSets => Set<Evaluations.EvaluationRuleSet>();
    public DbSet<Exits.ExitFlag> ExitFlags => Set<Exits.ExitFlag>();
    public DbSet<Exits.ExitCase> ExitCases => Set<Exits.ExitCase>();
    public DbSet<Exits.ExitCaseStep> ExitCaseSteps => Set<Exits.ExitCaseStep>();
    public DbSet<Exits.ExitRuleSet> ExitRuleSets => Set<Exits.ExitRuleSet>();
    public DbSet<Exits.ExitDetention> ExitDetentions => Set<Exits.ExitDetention>();
    public DbSet<Notifications.Notification> Notifications => Set<Notifications.Notification>();
    public DbSet<Exits.ExitCaseDocument> ExitCaseDocuments => Set<Exits.ExitCaseDocument>();
    public DbSet<Suggestions.Suggestion> Suggestions => Set<Suggestions.Suggestion>();
    public DbSet<Suggestions.SuggestionCoSigner> SuggestionCoSigners => Set<Suggestions.SuggestionCoSigner>();
    public DbSet<Suggestions.SuggestionCoHandler> SuggestionCoHandlers => Set<Suggestions.SuggestionCoHandler>();
    public DbSet<Suggestions.SuggestionReply> SuggestionReplies => Set<Suggestions.SuggestionReply>();
    public DbSet<Suggestions.SuggestionEvent> SuggestionEvents => Set<Suggestions.SuggestionEvent>();
    public DbSet<Suggestions.SupervisionVisit> SupervisionVisits => Set<Suggestions.SupervisionVisit>();
    public DbSet<Suggestions.SuggestionAttachment> SuggestionAttachments => Set<Suggestions.SuggestionAttachment>();
    public DbSet<Suggestions.SuggestionRuleSet> SuggestionRuleSets => Set<Suggestions.SuggestionRuleSet>();

    /// <summary>The Data Protection key ring shared by every app node, each key's secret sealed with the node secret (decision 0080).</summary>
    public DbSet<Microsoft.AspNetCore.DataProtection.EntityFrameworkCore.DataProtectionKey> DataProtectionKeys =>
        Set<Microsoft.AspNetCore.DataProtection.EntityFrameworkCore.DataProtectionKey>();

    /// <summary>Failure counters of the throttles, shared by every app node (decision 0081); written by raw SQL only.</summary>
    public DbSet<Operations.ThrottleCounter> ThrottleCounters => Set<Operations.ThrottleCounter>();

    /// <summary>Who is changing data through this context; written into every audit entry.</summary>
    public string AuditActor { get; set; } = "system";

    /// <summary>Clock of the audit trail; replaceable by tests.</summary>
    public Func<DateTime> UtcNow { get; set; } = () => DateTime.UtcNow;

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(DeputyDbContext).Assembly);
    }

    /// <summary>
    /// Saves the changes and their audit entries in one transaction. Updates and deletions are described before the
    /// save (their old values are gone after it); insertions after it, so their keys and foreign keys are the ones the
    /// database assigned, never EF's temporary ones. Every new audit entry, including those a service adds itself, is
    /// then linked into the hash chain (<see cref="AuditChain"/>) and written before the commit.
    /// </summary>
    public override async Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        ChangeTracker.DetectChanges();
        var direct = ChangeTracker.Entries<AuditEntry>().Where(e => e.State == EntityState.Added).Select(e => e.Entity).ToList();
        var pending = ChangeTracker.Entries()
            .Where(e => e.State is EntityState.Added or EntityState.Modified or EntityState.Deleted && IsAudited(e))
            .Select(e => new PendingAudit(e, e.State, e.State == EntityState.Added ? null : DescribeChanges(e, e.State)))
            .ToList();
        if (pending.Count == 0 && direct.Count == 0)
        {
            return await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
        }

        var ownTransaction = Database.CurrentTransaction is null
            ? await Database.BeginTransactionAsync(cancellationToken)
            : null;
        try
        {
            // Entries added by a service wait for the chain, behind the changes they describe.
            foreach (var entry in direct)
            {
                Entry(entry).State = EntityState.Detached;
            }

            var count = await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
            var at = UtcNow();
            var entries = new List<AuditEntry>(direct);
            foreach (var p in pending)
            {
                entries.Add(new AuditEntry(at, AuditActor, p.State.ToString(), p.Entry.Metadata.ClrType.Name, KeyOf(p.Entry),
                    p.Changes ?? DescribeChanges(p.Entry, EntityState.Added)));
            }

            await AuditChain.LinkAsync(this, entries, cancellationToken);
            AuditEntries.AddRange(entries);
            await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
            if (ownTransaction is not null)
            {
                await ownTransaction.CommitAsync(cancellationToken);
            }

            // As before the chain: the caller's own rows count, the trail's rows it did not add do not.
            return count + direct.Count;
        }
        finally
        {
            if (ownTransaction is not null)
            {
                await ownTransaction.DisposeAsync();
            }
        }
    }

    /// <summary>
    /// New rows of one type written in bulk in the open transaction, past the change tracker (decision 0120), with the
    /// audit entries SaveChanges would have written for them ("Added", every column but the key), linked into the
    /// chain and written in bulk too. For writes of thousands of rows (an import's exit flags); the entities stay untracked.
    /// </summary>
    internal async Task InsertAuditedAsync<T>(IReadOnlyList<T> rows, CancellationToken ct) where T : class
    {
        if (rows.Count == 0) return;
        await BulkInsert.InsertAsync(this, rows, ct);
        var type = Model.FindEntityType(typeof(T))!;
        var key = type.FindPrimaryKey()!.Properties.Single();
        var at = UtcNow();
        var entries = new List<AuditEntry>(rows.Count);
        foreach (var row in rows)
        {
            var values = new Dictionary<string, object?>();
            foreach (var property in type.GetProperties())
            {
                if (property != key) values[property.Name] = property.PropertyInfo!.GetValue(row);
            }

            entries.Add(new AuditEntry(at, AuditActor, nameof(EntityState.Added), typeof(T).Name, key.PropertyInfo!.GetValue(row)?.ToString() ?? "",
                JsonSerializer.Serialize(values, AuditJson)));
        }

        await AuditChain.LinkAsync(this, entries, ct);
        await BulkInsert.InsertAsync(this, entries, ct);
    }

    public override int SaveChanges(bool acceptAllChangesOnSuccess) =>
        SaveChangesAsync(acceptAllChangesOnSuccess).GetAwaiter().GetResult();

    private sealed record PendingAudit(EntityEntry Entry, EntityState State, string? Changes);

    private static bool IsAudited(EntityEntry entry)
    {
        var ns = entry.Metadata.ClrType.Namespace ?? "";
        // Identity's own tables hold password hashes and stamps: accounts are audited by their services instead.
        // Electronic ballots and their tokens are never audited: an audit row's time would link a token's use to a ballot.
        // Throttle counters (raw SQL only) would flood the trail with one row per failed sign-in; notifications are derived
        // from audited facts (flags, case steps), so their rows and read marks are not audited either.
        return entry.Entity is not (AuditEntry or AppUser or Ballots.VoteToken or Ballots.ElectronicBallot or Operations.ThrottleCounter
            or Domain.Notifications.Notification)
               && ns.StartsWith("DeputyPerformance.Domain", StringComparison.Ordinal);
    }

    private static string KeyOf(EntityEntry entry) =>
        string.Join(",", entry.Metadata.FindPrimaryKey()!.Properties.Select(p => entry.Property(p.Name).CurrentValue?.ToString() ?? ""));

    private static string DescribeChanges(EntityEntry entry, EntityState state)
    {
        var values = new Dictionary<string, object?>();
        foreach (var property in entry.Properties)
        {
            if (property.Metadata.IsPrimaryKey() && state == EntityState.Added)
            {
                continue;
            }

            switch (state)
            {
                case EntityState.Added:
                    values[property.Metadata.Name] = property.CurrentValue;
                    break;
                case EntityState.Deleted:
                    values[property.Metadata.Name] = property.OriginalValue;
                    break;
                case EntityState.Modified when property.IsModified && !Equals(property.OriginalValue, property.CurrentValue):
                    values[property.Metadata.Name] = new { from = property.OriginalValue, to = property.CurrentValue };
                    break;
            }
        }

        return JsonSerializer.Serialize(values, AuditJson);
    }

    private static readonly JsonSerializerOptions AuditJson = new()
    {
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        // Enum values by name: the trail must stay readable after the enum changes.
        Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter() },
    };
}
