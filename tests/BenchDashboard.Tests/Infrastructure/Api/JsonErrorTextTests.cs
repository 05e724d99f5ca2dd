using System.Text;
using BenchDashboard.Infrastructure.Api;

namespace BenchDashboard.Tests.Infrastructure.Api;

/// <summary>A file that is not JSON is refused in words a lead understands, not in the parser's.</summary>
public class JsonErrorTextTests
{
    private static string Describe(string text)
    {
        try
        {
            using var _ = System.Text.Json.JsonDocument.Parse(Encoding.UTF8.GetBytes(text));
        }
        catch (System.Text.Json.JsonException ex)
        {
            return JsonErrorText.Describe(ex);
        }
        throw new InvalidOperationException("the text parsed");
    }

    [Theory]
    [InlineData("date,metric,value,n", "does not start like JSON")]
    [InlineData("\u0089PNG\r\n", "does not start like JSON")]
    [InlineData("{\"traceId\": \"t1\", ", "ends before the JSON is complete")]
    [InlineData("{\"traceId\": \"t1\"} {\"traceId\": \"t2\"}", "more text after a complete value")]
    [InlineData("{traceId: 1}", "field name")]
    public void The_reason_is_said_plainly(string text, string expected)
    {
        var reason = Describe(text);
        Assert.Contains(expected, reason);
        Assert.DoesNotContain("LineNumber", reason);
        Assert.DoesNotContain("invalid start of a value", reason);
    }
}
