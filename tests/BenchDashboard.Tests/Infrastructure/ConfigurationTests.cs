using BenchDashboard.Data;
using Microsoft.Extensions.Options;

namespace BenchDashboard.Tests.Infrastructure;

public class ConfigurationTests
{
    private sealed class ShortKeyFactory : AppFactory
    {
        protected override IEnumerable<KeyValuePair<string, string?>> Settings => [new("BenchDashboard:Bootstrap:ApiKey", "too-short")];
    }

    [Fact]
    public void A_bootstrap_api_key_shorter_than_32_characters_stops_the_app_with_a_clear_message()
    {
        using var factory = new ShortKeyFactory();
        var error = Assert.Throws<OptionsValidationException>(() => factory.Services);
        Assert.Contains("BenchDashboard:Bootstrap:ApiKey must be at least 32 characters.", error.Message);
    }

    [Theory]
    [InlineData("Data Source=:memory:")]
    [InlineData("Data Source=")]
    public void An_in_memory_or_empty_database_is_refused(string connectionString)
    {
        var error = Assert.Throws<InvalidOperationException>(() => DatabaseSettings.ResolveSqlite(connectionString, "/tmp"));
        Assert.Contains("must name a SQLite file", error.Message);
    }

    [Fact]
    public void A_relative_database_path_resolves_under_the_content_root()
    {
        using var folder = new TempDatabase();
        var resolved = DatabaseSettings.ResolveSqlite("Data Source=data/app.db", folder.Folder);
        Assert.Contains(Path.Combine(folder.Folder, "data", "app.db"), resolved);
        Assert.True(Directory.Exists(Path.Combine(folder.Folder, "data")));
    }
}
