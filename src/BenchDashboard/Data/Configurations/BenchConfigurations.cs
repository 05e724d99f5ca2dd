using BenchDashboard.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace BenchDashboard.Data.Configurations;

internal sealed class BenchCaseConfiguration : IEntityTypeConfiguration<BenchCase>
{
    public void Configure(EntityTypeBuilder<BenchCase> e)
    {
        e.HasOne<Project>().WithMany().HasForeignKey(c => c.ProjectId).OnDelete(DeleteBehavior.Cascade);
        e.HasIndex(c => new { c.ProjectId, c.ExternalId }).IsUnique();
        e.HasIndex(c => new { c.ProjectId, c.Category });
        e.Property(c => c.ExternalId).HasMaxLength(256);
        e.Property(c => c.Category).HasMaxLength(128);
    }
}

internal sealed class BenchRunConfiguration : IEntityTypeConfiguration<BenchRun>
{
    public void Configure(EntityTypeBuilder<BenchRun> e)
    {
        e.HasOne<Project>().WithMany().HasForeignKey(r => r.ProjectId).OnDelete(DeleteBehavior.Cascade);
        e.HasOne(r => r.PipelineVersion).WithMany().HasForeignKey(r => r.PipelineVersionId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne<RubricVersion>().WithMany().HasForeignKey(r => r.RubricVersionId).OnDelete(DeleteBehavior.Restrict);
        e.HasMany(r => r.Results).WithOne().HasForeignKey(r => r.BenchRunId).OnDelete(DeleteBehavior.Cascade);
        e.HasIndex(r => new { r.ProjectId, r.RunId }).IsUnique();
        e.HasIndex(r => new { r.ProjectId, r.StartedAt });
        e.Property(r => r.RunId).HasMaxLength(256);
        e.Property(r => r.ContentHash).HasMaxLength(64);
    }
}

internal sealed class BenchResultConfiguration : IEntityTypeConfiguration<BenchResult>
{
    public void Configure(EntityTypeBuilder<BenchResult> e)
    {
        e.HasOne(r => r.BenchCase).WithMany().HasForeignKey(r => r.BenchCaseId).OnDelete(DeleteBehavior.Restrict);
        e.HasIndex(r => new { r.BenchRunId, r.BenchCaseId }).IsUnique();
        e.HasIndex(r => r.BenchCaseId);
        // Per-run pass counts (the upgrade audits' run pickers count every run's results) read this index alone instead of
        // looking every result row up: on 500 runs of 2,000 cases about half the query's time (docs/benchmarks.md, issue 14).
        e.HasIndex(r => new { r.BenchRunId, r.Passed });
    }
}

internal sealed class RubricVersionConfiguration : IEntityTypeConfiguration<RubricVersion>
{
    public void Configure(EntityTypeBuilder<RubricVersion> e)
    {
        e.HasOne<Project>().WithMany().HasForeignKey(r => r.ProjectId).OnDelete(DeleteBehavior.Cascade);
        e.HasIndex(r => new { r.ProjectId, r.Number }).IsUnique();
        e.Property(r => r.ApprovedBy).HasMaxLength(256);
        e.Property(r => r.Notes).HasMaxLength(RubricVersion.MaxNotesLength);
        e.HasMany(r => r.Items).WithOne().HasForeignKey(i => i.RubricVersionId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class RubricItemConfiguration : IEntityTypeConfiguration<RubricItem>
{
    public void Configure(EntityTypeBuilder<RubricItem> e)
    {
        // Not "RubricItems": a retired table of that name may still exist in old databases.
        e.ToTable("RubricVersionItems");
        e.HasIndex(i => new { i.RubricVersionId, i.Key }).IsUnique();
        e.Property(i => i.Key).HasMaxLength(RubricItem.MaxKeyLength);
        e.Property(i => i.Description).HasMaxLength(RubricItem.MaxDescriptionLength);
    }
}
