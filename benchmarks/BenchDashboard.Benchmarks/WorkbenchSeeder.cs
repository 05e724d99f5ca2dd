using System.Text;
using Microsoft.Data.Sqlite;

namespace BenchDashboard.Benchmarks;

/// <summary>
/// English-like text from a fixed vocabulary of customer-support words, drawn with Zipf-like weights (frequent words often,
/// rare ones seldom, as in real text), in sentences of 6–18 words and paragraphs of 3–6 sentences. Reproducible from its seed.
/// Traces and bench cases share the vocabulary, so the BM25 suggestions find many candidates and must rank them.
/// </summary>
internal sealed class EnglishText(int seed)
{
    private static readonly string[] Vocabulary = """
        the a to and of i you my your is it for in that this on with was be have not can we order please
        but are at as me what do if or so will from an they there just when would could about all been did
        how which need our some like get any out more also now here then one want has after know because still
        help thanks hello hi account refund payment card charge charged invoice bill billing price discount
        coupon code subscription plan upgrade downgrade cancel cancelled renewal trial fee tax receipt statement
        parcel package delivery shipping shipped courier tracking number address postcode warehouse dispatch arrived
        late delayed missing lost damaged broken wrong item size colour return returns exchange label replacement
        product question screen battery charger cable warranty repair manual setting settings app update version
        login password email reset locked verify verification phone profile username security two factor device
        support agent manager team customer service chat reply response ticket case issue problem error message
        week day days yesterday today tomorrow morning evening hours minutes month last next first second time
        again already never always sometimes usually really very quite too much many few several same different
        new old small large cheap expensive quick slow easy hard clear unclear happy unhappy sorry please kindly
        check checked send sent receive received pay paid open opened close closed change changed try tried
        explain explained understand understood confirm confirmed fix fixed find found work works worked working
        said told asked wrote called waiting waited wait keep kept give gave take took make made see saw look
        store shop online website page button link form field step steps option options list note notes
        policy terms days return window proof purchase original packaging condition credit balance bank transfer
        paypal voucher gift points loyalty member membership newsletter unsubscribe notification notifications
        """.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);

    /// <summary>Cumulative weights 1/(rank+1)^0.9 over the vocabulary in the order above.</summary>
    private static readonly double[] Cumulative = BuildCumulative();

    private readonly Random _random = new(seed);

    public static int VocabularySize => Vocabulary.Length;

    private static double[] BuildCumulative()
    {
        var cumulative = new double[Vocabulary.Length];
        double sum = 0;
        for (var i = 0; i < Vocabulary.Length; i++) cumulative[i] = sum += 1 / Math.Pow(i + 1, 0.9);
        return cumulative;
    }

    private string Word()
    {
        var r = _random.NextDouble() * Cumulative[^1];
        var i = Array.BinarySearch(Cumulative, r);
        return Vocabulary[i < 0 ? ~i : i];
    }

    /// <summary>Paragraphs of sentences, cut to exactly <paramref name="length"/> characters (the last word may be cut).</summary>
    public string Exactly(int length)
    {
        var text = new StringBuilder(length + 200);
        while (text.Length < length)
        {
            var sentences = _random.Next(3, 7);
            for (var s = 0; s < sentences && text.Length < length; s++)
            {
                if (text.Length > 0 && text[^1] != '\n') text.Append(' ');
                AppendSentence(text);
            }
            text.Append("\n\n");
        }
        var cut = text.ToString(0, length);
        // A cut may end in blank or a line break; a trace's text never does.
        return cut.EndsWith(' ') || cut.EndsWith('\n') ? cut[..^1] + "." : cut;
    }

    /// <summary>One paragraph ending at the last whole word within <paramref name="maxLength"/>, at least <paramref name="minLength"/> long.</summary>
    public string About(int minLength, int maxLength)
    {
        var text = new StringBuilder(maxLength + 200);
        while (text.Length < maxLength)
        {
            if (text.Length > 0) text.Append(' ');
            AppendSentence(text);
        }
        var cut = text.ToString(0, maxLength);
        var lastSpace = cut.LastIndexOf(' ');
        return lastSpace >= minLength ? cut[..lastSpace] : cut;
    }

    private void AppendSentence(StringBuilder text)
    {
        var words = _random.Next(6, 19);
        for (var w = 0; w < words; w++)
        {
            var word = Word();
            if (w == 0) word = char.ToUpperInvariant(word[0]) + word[1..];
            else text.Append(_random.Next(12) == 0 ? ", " : " ");
            text.Append(word);
        }
        text.Append(_random.Next(8) == 0 ? '?' : '.');
    }
}

/// <summary>
/// The workbench benchmark's data, written straight into a copy of the template with the app stopped (like the other
/// benchmarks' bulk loads): one pipeline version, <see cref="Traces"/> production traces whose input and output are each
/// <see cref="TraceChars"/> characters, a few feedback events per trace, <see cref="Cases"/> active bench cases of about
/// <see cref="CaseChars"/> characters, and one open round of all the traces assigned to the reviewer. The same rows as
/// tests/…/SamplingWorkflowTests.cs CreateProjectWithRound writes, at the size of issue 5's target.
/// </summary>
internal static class WorkbenchSeeder
{
    public const int Traces = 100, TraceChars = 2_000, Cases = 300, CaseChars = 200;
    public const int MinFeedbackPerTrace = 2, MaxFeedbackPerTrace = 5;
    public static readonly string[] Categories = ["billing", "shipping", "returns", "account", "product questions"];
    public const string Period = "2026-10";

    /// <summary>What was written, for the report and the checks.</summary>
    public sealed record Seeded(int RoundId, int Traces, int FeedbackEvents, int Cases, double MeanCaseChars);

    public static Seeded Seed(string databasePath, int projectId, string reviewerEmail, int seed)
    {
        using var connection = Sqlite.Open(databasePath);
        // Prepared before the transaction starts; it joins the transaction below.
        using var feedback = new FeedbackInserter(connection, projectId);
        using var tx = connection.BeginTransaction();
        feedback.Transaction = tx;
        long Scalar(string sql, params (string Name, object Value)[] args)
        {
            using var command = connection.CreateCommand();
            command.Transaction = tx;
            command.CommandText = sql;
            foreach (var (n, v) in args) command.Parameters.AddWithValue(n, v);
            return Convert.ToInt64(command.ExecuteScalar(), Report.Invariant);
        }
        string Text(string sql, params (string Name, object Value)[] args)
        {
            using var command = connection.CreateCommand();
            command.Transaction = tx;
            command.CommandText = sql;
            foreach (var (n, v) in args) command.Parameters.AddWithValue(n, v);
            return command.ExecuteScalar() as string ?? throw new InvalidOperationException($"No row for: {sql}");
        }

        var random = new Random(seed);
        var text = new EnglishText(seed);
        var mix = new EventMix(seed);
        var reviewerId = Text("SELECT Id FROM AspNetUsers WHERE NormalizedEmail = upper($e)", ("$e", reviewerEmail));
        var versionId = Scalar("""
            INSERT INTO PipelineVersions (ProjectId, Version, DeployedAt, Model, Prompt) VALUES ($p, 'v7', '2026-09-15 08:00:00', 'model-large-2026-09', 'support-v7')
            RETURNING Id
            """, ("$p", projectId));

        // Bench cases first (what the suggestions search), in the traces' categories round robin.
        long caseChars = 0;
        for (var c = 0; c < Cases; c++)
        {
            var input = text.About(CaseChars - 30, CaseChars + 20);
            caseChars += input.Length;
            Scalar("""
                INSERT INTO BenchCases (ProjectId, ExternalId, Input, ExpectedBehaviour, Category, Status, Source, CreatedAt, FirstSeenAt)
                VALUES ($p, $id, $in, $exp, $cat, 'Active', 'Imported', '2026-09-01 00:00:00.0000000', '2026-09-01 00:00:00.0000000') RETURNING Id
                """, ("$p", projectId), ("$id", $"case-{c + 1:D3}"), ("$in", input), ("$exp", text.About(40, 80)), ("$cat", Categories[c % Categories.Length]));
        }

        // Traces spread over October (the round's window), each with 2–5 feedback events within a day after it.
        var traceRows = new long[Traces];
        var feedbackEvents = 0;
        for (var t = 0; t < Traces; t++)
        {
            var at = new DateTime(2026, 10, 1, 0, 0, 0, DateTimeKind.Utc).AddSeconds(random.Next(31 * 86_400));
            var traceId = $"wb-{t + 1:D4}";
            traceRows[t] = Scalar("""
                INSERT INTO ProductionTraces (ProjectId, TraceId, Timestamp, PipelineVersionId, Input, Output, Category, MetadataJson)
                VALUES ($p, $id, $t, $v, $in, $out, $cat, $meta) RETURNING Id
                """, ("$p", projectId), ("$id", traceId), ("$t", FeedbackEvent.ToStorage(at)), ("$v", versionId),
                ("$in", text.Exactly(TraceChars)), ("$out", text.Exactly(TraceChars)), ("$cat", Categories[random.Next(Categories.Length)]),
                ("$meta", $$"""{"channel":"{{(random.Next(3) == 0 ? "email" : "web")}}","locale":"en-GB"}"""));
            var events = random.Next(MinFeedbackPerTrace, MaxFeedbackPerTrace + 1);
            for (var e = 0; e < events; e++)
            {
                var ev = mix.Next($"wb-ev-{feedbackEvents + 1:D6}", traceId, at.AddSeconds(random.Next(1, 86_400)));
                feedback.Insert(ev.EventId, ev.TraceId, ev.StoredTimestamp, ev.StoredKind, ev.Value);
                feedbackEvents++;
            }
        }

        // One open round of all the traces, in a drawn order (a uniform draw does not keep time order), all assigned to the reviewer.
        var roundId = (int)Scalar("""
            INSERT INTO SamplingRounds (ProjectId, Period, Size, Strategy, Seed, WindowFrom, WindowTo, Status, CreatedBy, CreatedAt)
            VALUES ($p, $period, $size, 'Uniform', $seed, '2026-10-01 00:00:00', '2026-11-01 00:00:00', 'Open', $by, '2026-11-01 09:00:00')
            RETURNING Id
            """, ("$p", projectId), ("$period", Period), ("$size", Traces), ("$seed", seed), ("$by", reviewerEmail));
        var order = traceRows.ToArray();
        random.Shuffle(order);
        for (var i = 0; i < order.Length; i++)
        {
            Scalar("INSERT INTO SampledTraces (SamplingRoundId, ProductionTraceId, Position, AssignedReviewerId) VALUES ($r, $t, $pos, $rev) RETURNING Id",
                ("$r", roundId), ("$t", order[i]), ("$pos", i + 1), ("$rev", reviewerId));
        }
        tx.Commit();
        feedback.Transaction = null;

        // The rollups the app would have kept while these traces and events arrived (not used by the workbench; keeps the file consistent).
        connection.Execute("DELETE FROM DailyRollups;");
        connection.Execute(RepoPaths.RollupRebuildSql());
        Check(connection, roundId, reviewerId);
        connection.Execute("PRAGMA wal_checkpoint(TRUNCATE);");
        return new Seeded(roundId, Traces, feedbackEvents, Cases, caseChars / (double)Cases);
    }

    private static void Check(SqliteConnection connection, int roundId, string reviewerId)
    {
        var sampled = connection.Scalar<long>($"SELECT COUNT(*) FROM SampledTraces WHERE SamplingRoundId = {roundId}");
        var positions = connection.Scalar<long>($"SELECT COUNT(DISTINCT Position) FROM SampledTraces WHERE SamplingRoundId = {roundId} AND Position BETWEEN 1 AND {Traces}");
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT COUNT(*) FROM SampledTraces WHERE SamplingRoundId = {roundId} AND AssignedReviewerId = $rev";
        command.Parameters.AddWithValue("$rev", reviewerId);
        var assigned = Convert.ToInt64(command.ExecuteScalar(), Report.Invariant);
        var lengths = connection.Scalar<long>($"SELECT COUNT(*) FROM ProductionTraces WHERE length(Input) = {TraceChars} AND length(Output) = {TraceChars}");
        if (sampled != Traces || positions != Traces || assigned != Traces || lengths != Traces)
        {
            throw new InvalidOperationException($"The workbench round is not as seeded: {sampled} sampled, {positions} positions, {assigned} assigned, {lengths} traces of {TraceChars} characters.");
        }
    }
}
