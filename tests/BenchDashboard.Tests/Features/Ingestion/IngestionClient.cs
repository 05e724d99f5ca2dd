using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using BenchDashboard.Tests.Infrastructure;

namespace BenchDashboard.Tests.Features.Ingestion;

/// <summary>Sends ingestion requests with the bootstrap key and counts what really landed in the database.</summary>
public sealed class IngestionClient(AppFactory app)
{
    public HttpClient Api { get; } = app.CreateApiClient(AppFactory.BootstrapKey);

    /// <summary>A fresh project per test, so counts never mix.</summary>
    public async Task<string> NewProjectAsync(string prefix = "p")
    {
        var slug = $"{prefix}-{Guid.NewGuid():N}"[..20];
        var response = await Api.PutAsJsonAsync($"/api/v1/projects/{slug}", new { name = $"Project {slug}" });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return slug;
    }

    public Task<HttpResponseMessage> PostAsync(string slug, string path, string body, string contentType) =>
        Api.PostAsync($"/api/v1/projects/{slug}/{path}", Content(body, contentType));

    public Task<HttpResponseMessage> PostJsonAsync(string slug, string path, object body) =>
        PostAsync(slug, path, JsonSerializer.Serialize(body), "application/json");

    public static StringContent Content(string body, string contentType)
    {
        var content = new StringContent(body, Encoding.UTF8);
        content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        return content;
    }

    public static string Ndjson(IEnumerable<object> items) => string.Join("\n", items.Select(i => JsonSerializer.Serialize(i))) + "\n";

    /// <summary>The project's id in SQL, for the statements given to <see cref="Scalar"/>.</summary>
    public const string ProjectOfSlug = "(SELECT \"Id\" FROM \"Projects\" WHERE \"Slug\" = @slug)";

    /// <summary>Rows of <paramref name="table"/> that belong to the project, read straight from the database.</summary>
    public long Count(string slug, string table) =>
        Scalar($"SELECT COUNT(*) FROM \"{table}\" WHERE \"ProjectId\" = {ProjectOfSlug}", slug);

    /// <summary>Everything an import could have written for the project.</summary>
    public long CountAll(string slug) =>
        new[] { "ProductionTraces", "FeedbackEvents", "DailyMetrics", "DailyRollups", "BenchRuns", "BenchCases", "PipelineVersions", "RubricVersions" }
            .Sum(table => Count(slug, table));

    /// <summary>The one value <paramref name="sql"/> reads, with <c>@slug</c> bound; SQL both providers read alike
    /// (quoted identifiers).</summary>
    public long Scalar(string sql, string slug, params (string Name, object Value)[] parameters)
    {
        using var connection = app.Database.OpenConnection();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters.Prepend(("slug", slug)))
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = name;
            parameter.Value = value;
            command.Parameters.Add(parameter);
        }
        return Convert.ToInt64(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }

    public static async Task<JsonElement> JsonAsync(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

    /// <summary>Every message of a problem's <c>errors</c> object, one string.</summary>
    public static async Task<string> ErrorsAsync(HttpResponseMessage response)
    {
        var json = await JsonAsync(response);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        return json.TryGetProperty("errors", out var errors)
            ? string.Join("\n", errors.EnumerateObject().SelectMany(e => e.Value.EnumerateArray().Select(m => m.GetString())))
            : json.GetProperty("detail").GetString() ?? "";
    }
}
