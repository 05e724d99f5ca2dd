using System.Text;
using BenchDashboard.Features.Review;

namespace BenchDashboard.Tests.Features.Review;

public class SimilarCaseIndexTests
{
    private static CaseDocument Case(int id, string externalId, string text, string? category = null) =>
        new(id, externalId, text, category);

    private static string[] Ids(IEnumerable<CaseMatch> matches) => matches.Select(m => m.Case.ExternalId).ToArray();

    private static readonly CaseDocument[] ThreeCases =
    [
        Case(1, "C-1", "refund policy refund"),
        Case(2, "C-2", "shipping policy"),
        Case(3, "C-3", "password reset email"),
    ];

    [Fact]
    public void Score_matches_a_hand_computed_bm25_value()
    {
        // N = 3, k1 = 1.2, b = 0.75. Lengths 3, 2, 3 terms: avgdl = 8/3.
        // Query "refund policy":
        //   idf(refund), df = 1: ln(1 + (3 − 1 + 0.5) / (1 + 0.5)) = ln(1 + 2.5/1.5) = ln(8/3) = 0.980829253011726
        //   idf(policy), df = 2: ln(1 + (3 − 2 + 0.5) / (2 + 0.5)) = ln(1 + 1.5/2.5) = ln(1.6) = 0.470003629245736
        // C-1, |d| = 3: k1·(1 − b + b·|d|/avgdl) = 1.2·(0.25 + 0.75·9/8) = 1.2·1.09375 = 1.3125
        //   refund, tf = 2: 0.980829253011726 · 2·2.2 / (2 + 1.3125) = 0.980829253011726 · 4.4/3.3125 = 1.302837347396708
        //   policy, tf = 1: 0.470003629245736 · 1·2.2 / (1 + 1.3125) = 0.470003629245736 · 2.2/2.3125 = 0.447138587822970
        //   score = 1.749975935219678
        // C-2, |d| = 2: 1.2·(0.25 + 0.75·6/8) = 1.2·0.8125 = 0.975
        //   policy, tf = 1: 0.470003629245736 · 2.2 / 1.975 = 0.523548346501579
        // C-3 shares no term: left out.
        var index = new SimilarCaseIndex(ThreeCases);
        var matches = index.Search("refund policy");

        Assert.Equal(["C-1", "C-2"], Ids(matches));
        Assert.Equal(1.749975935219678, matches[0].Score, 1e-9);
        Assert.Equal(0.523548346501579, matches[1].Score, 1e-9);
        Assert.Same(ThreeCases[0], matches[0].Case);
    }

    [Fact]
    public void Parameters_k1_and_b_change_the_score_as_the_formula_says()
    {
        // b = 0: no length normalisation. C-1, refund (tf 2): ln(8/3) · 2·2.2 / (2 + 1.2) = 0.980829253011726 · 1.375
        //   = 1.348640222891123; policy (tf 1): ln(1.6) · 2.2 / 2.2 = 0.470003629245736. Sum 1.818643852136859.
        var noLength = new SimilarCaseIndex(ThreeCases, b: 0).Search("refund policy");
        Assert.Equal(1.818643852136859, noLength[0].Score, 1e-9);

        // k1 = 0: only presence counts, each term scores its idf. C-1: ln(8/3) + ln(1.6) = 1.450832882257462.
        var presence = new SimilarCaseIndex(ThreeCases, k1: 0).Search("refund policy");
        Assert.Equal(1.450832882257462, presence[0].Score, 1e-9);
        Assert.Equal(0.470003629245736, presence[1].Score, 1e-9);
    }

    [Fact]
    public void The_case_sharing_a_rare_term_ranks_first_and_common_terms_weigh_less()
    {
        var index = new SimilarCaseIndex(
        [
            Case(1, "C-1", "account settings help"),
            Case(2, "C-2", "account login help"),
            Case(3, "C-3", "account deletion help"),
            Case(4, "C-4", "dispute a chargeback"),
            Case(5, "C-5", "account account help billing"),
        ]);

        // C-5 shares two common terms (one of them twice), C-4 only the rare "chargeback": C-4 still wins.
        var matches = index.Search("Help with my account chargeback");
        Assert.Equal(["C-4", "C-5", "C-1", "C-2", "C-3"], Ids(matches));
        // C-1..C-3 share the same two terms with the same frequencies and lengths: exactly equal scores.
        Assert.Equal(matches[2].Score, matches[3].Score);
        Assert.Equal(matches[3].Score, matches[4].Score);

        // One occurrence of a term in 1 case of 5 outweighs one occurrence of a term in 4 of 5.
        var rare = index.Search("chargeback").Single();
        var common = index.Search("settings account").Single(m => m.Case.ExternalId == "C-2");
        Assert.True(rare.Score > 2 * common.Score, $"{rare.Score} vs {common.Score}");
    }

    [Fact]
    public void Shorter_cases_rank_higher_unless_b_is_zero()
    {
        CaseDocument[] cases =
        [
            Case(1, "A-long", "timeout error while uploading a large attachment to the shared workspace folder"),
            Case(2, "B-short", "timeout error"),
        ];
        Assert.Equal(["B-short", "A-long"], Ids(new SimilarCaseIndex(cases).Search("timeout")));

        // Without length normalisation both score idf · 1: a tie, broken by ExternalId.
        var flat = new SimilarCaseIndex(cases, b: 0).Search("timeout");
        Assert.Equal(["A-long", "B-short"], Ids(flat));
        Assert.Equal(flat[0].Score, flat[1].Score);
    }

    [Fact]
    public void A_query_term_repeated_counts_once()
    {
        var index = new SimilarCaseIndex(ThreeCases);
        var once = index.Search("refund policy");
        var repeated = index.Search("refund refund policy REFUND refund");

        Assert.Equal(Ids(once), Ids(repeated));
        Assert.Equal(once.Select(m => m.Score), repeated.Select(m => m.Score));
    }

    [Fact]
    public void Stop_words_and_letter_case_are_ignored()
    {
        var index = new SimilarCaseIndex(
        [
            Case(1, "C-1", "The REFUND Policy of the store"),
            Case(2, "C-2", "refund policy store"),
            Case(3, "C-3", "It is and you are on it"),
        ]);

        // "the", "of" do not count towards the length either: C-1 and C-2 are the same three terms.
        var matches = index.Search("is THE refund Policy for my STORE?");
        Assert.Equal(["C-1", "C-2"], Ids(matches));
        Assert.Equal(matches[0].Score, matches[1].Score);
        Assert.Equal(matches[0].Score, index.Search("refund policy store")[0].Score);

        // Only stop words on either side: nothing to match.
        Assert.Empty(index.Search("it is and you are on it"));
    }

    [Theory]
    [InlineData("")]
    [InlineData(" ")]
    [InlineData("\t\r\n  \u00A0\u3000")]
    [InlineData("!!! ??? ... — {} [] \"\":,")]
    [InlineData("the of and to in is it for on my i you")]
    [InlineData("a b c x 1 2 3")]
    public void An_empty_whitespace_or_stop_word_query_returns_nothing(string query)
    {
        var index = new SimilarCaseIndex([.. ThreeCases, Case(4, "C-4", "a b c x 1 2 3 the of and")]);
        Assert.Empty(index.Search(query));
    }

    [Fact]
    public void A_query_sharing_no_term_returns_nothing()
    {
        var index = new SimilarCaseIndex(ThreeCases);
        Assert.Empty(index.Search("quantum chromodynamics lecture notes"));
        // Substrings and other forms of a word are different terms: no stemming.
        Assert.Empty(index.Search("refunds polic passwords"));
    }

    [Fact]
    public void Top_limits_the_number_of_results()
    {
        var index = new SimilarCaseIndex(Enumerable.Range(1, 10).Select(i => Case(i, $"C-{i:D2}", $"order {i} " + string.Join(' ', Enumerable.Repeat("late", i)))));

        Assert.Equal(5, index.Search("late order").Count);
        Assert.Equal(3, index.Search("late order", top: 3).Count);
        Assert.Equal(10, index.Search("late order", top: 100).Count);
        Assert.Empty(index.Search("late order", top: 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => index.Search("late order", top: -1));

        // The first 3 are the best 3 of the full ranking, in the same order.
        Assert.Equal(Ids(index.Search("late order", top: 100)).Take(3), Ids(index.Search("late order", top: 3)));
        var all = index.Search("late order", top: 100);
        for (var i = 1; i < all.Count; i++) Assert.True(all[i - 1].Score >= all[i].Score);
    }

    [Fact]
    public void Ties_are_broken_by_external_id_ordinal_then_id()
    {
        // Same text, so the same score. Ordinal order puts upper case first and compares digit by digit:
        // "B" (0x42) < "a10" < "a2" < "b"; culture-aware order would give a10, a2, b, B.
        var index = new SimilarCaseIndex(
        [
            Case(7, "b", "payment declined"),
            Case(3, "a2", "payment declined"),
            Case(9, "B", "payment declined"),
            Case(2, "a10", "payment declined"),
            Case(8, "a2", "payment declined"),
            Case(1, "a2", "payment declined"),
        ]);

        var matches = index.Search("declined payment", top: 10);
        Assert.Equal(["B", "a10", "a2", "a2", "a2", "b"], Ids(matches));
        Assert.Equal([1, 3, 8], matches.Where(m => m.Case.ExternalId == "a2").Select(m => m.Case.Id));
        Assert.Single(matches.Select(m => m.Score).Distinct());
    }

    public static TheoryData<string, string> NonLatinQueries => new()
    {
        { "تسجيل الدخول", "ar" },
        { "להתחבר לחשבון", "he" },
        { "我无法登录", "zh" },
        { "パスワード", "ja" },
        { "लॉग इन", "hi" },
        { "АККАУНТ", "ru" },
        { "λογαριασμό", "el" },
    };

    [Theory]
    [MemberData(nameof(NonLatinQueries))]
    public void Non_latin_text_matches(string query, string expected)
    {
        var index = new SimilarCaseIndex(
        [
            Case(1, "en", "I cannot log in to my account"),
            Case(2, "ar", "لا أستطيع تسجيل الدخول إلى حسابي"),
            Case(3, "he", "אני לא מצליח להתחבר לחשבון שלי"),
            // No word segmentation: each run between separators is one term.
            Case(4, "zh", "我无法登录，我的账户被锁定了"),
            Case(5, "ja", "パスワード、忘れました"),
            Case(6, "hi", "मैं अपने खाते में लॉग इन नहीं कर सकता"),
            Case(7, "ru", "Не могу войти в аккаунт"),
            Case(8, "el", "Δεν μπορώ να συνδεθώ στον λογαριασμό μου"),
        ]);

        var match = Assert.Single(index.Search(query));
        Assert.Equal(expected, match.Case.ExternalId);
        Assert.True(match.Score > 0);
    }

    [Fact]
    public void A_60000_character_query_finds_the_right_case()
    {
        var index = new SimilarCaseIndex(
        [
            Case(1, "C-billing", "My subscription renewal charged me twice this month"),
            Case(2, "C-login", "Cannot log in after resetting the password, assistant keeps asking"),
            Case(3, "C-export", "Export to spreadsheet loses the accents, assistant content is garbled"),
            Case(4, "C-tone", "The assistant was rude when I asked for a refund"),
        ]);

        // A trace as it arrives: one line, the user's words first, then tool chatter sharing common words with the bench.
        var trace = new StringBuilder("""{"messages":[{"role":"user","content":"Hi, the subscription renewal charged my card twice!"}""");
        while (trace.Length < 60_000) trace.Append(""",{"role":"assistant","content":"Let me check that for you.","tool":"billing_lookup"}""");
        var query = trace.ToString(0, 60_000);
        Assert.Equal(60_000, query.Length);

        var matches = index.Search(query);
        Assert.Equal("C-billing", matches[0].Case.ExternalId);
        Assert.True(matches[0].Score > matches[1].Score);

        // One unbroken 60,000-character line (a base64 blob) after the words: still the same answer.
        var blob = "subscription renewal charged twice " + new string('Q', 60_000 - 35);
        Assert.Equal(60_000, blob.Length);
        Assert.Equal("C-billing", Assert.Single(index.Search(blob)).Case.ExternalId);
    }

    [Fact]
    public void Only_the_first_20000_characters_of_a_text_are_looked_at()
    {
        var padding = string.Concat(Enumerable.Repeat("filler ", 20_000 / 7 + 1));
        Assert.True(padding.Length > TextTokens.MaxChars);
        var index = new SimilarCaseIndex(
        [
            Case(1, "early", "needle " + padding),
            Case(2, "late", padding + " haystack"),
        ]);

        Assert.Equal("early", Assert.Single(index.Search("needle")).Case.ExternalId);
        // "haystack" lies past the cap of its case, and past the cap of this query.
        Assert.Empty(index.Search("haystack"));
        Assert.Empty(index.Search(padding.Replace("filler", "nothing") + " needle"));
    }

    [Fact]
    public void An_empty_index_returns_nothing()
    {
        var empty = new SimilarCaseIndex([]);
        Assert.Equal(0, empty.Count);
        Assert.Empty(empty.Search("refund policy"));

        // Cases without any term are counted but never match.
        var blank = new SimilarCaseIndex([Case(1, "C-1", ""), Case(2, "C-2", "   the a of ")]);
        Assert.Equal(2, blank.Count);
        Assert.Empty(blank.Search("refund policy the"));
    }

    [Fact]
    public void Count_is_the_number_of_cases_and_input_order_does_not_matter()
    {
        var forward = new SimilarCaseIndex(ThreeCases);
        var backward = new SimilarCaseIndex(ThreeCases.AsEnumerable().Reverse());
        Assert.Equal(3, forward.Count);
        Assert.Equal(forward.Search("policy reset refund"), backward.Search("policy reset refund"));
    }

    [Fact]
    public void Invalid_arguments_are_rejected()
    {
        Assert.Throws<ArgumentNullException>(() => new SimilarCaseIndex(null!));
        Assert.Throws<ArgumentException>(() => new SimilarCaseIndex([ThreeCases[0], null!]));
        Assert.Throws<ArgumentOutOfRangeException>(() => new SimilarCaseIndex(ThreeCases, k1: -0.1));
        Assert.Throws<ArgumentOutOfRangeException>(() => new SimilarCaseIndex(ThreeCases, k1: double.NaN));
        Assert.Throws<ArgumentOutOfRangeException>(() => new SimilarCaseIndex(ThreeCases, k1: double.PositiveInfinity));
        Assert.Throws<ArgumentOutOfRangeException>(() => new SimilarCaseIndex(ThreeCases, b: -0.1));
        Assert.Throws<ArgumentOutOfRangeException>(() => new SimilarCaseIndex(ThreeCases, b: 1.1));
        Assert.Throws<ArgumentOutOfRangeException>(() => new SimilarCaseIndex(ThreeCases, b: double.NaN));
        Assert.Throws<ArgumentNullException>(() => new SimilarCaseIndex(ThreeCases).Search(null!));
    }
}

public class SimilarCaseIndexTokenizerTests
{
    [Fact]
    public void Splits_on_non_letters_lower_cases_and_drops_short_and_stop_words()
    {
        Assert.Equal(
            ["hello", "world", "2nd", "try", "order", "4711", "naïve", "user", "id"],
            TextTokens.Tokenize("Hello, WORLD! It's a 2nd-try: order #4711 (naïve) user_id x"));
    }

    [Fact]
    public void Equivalent_unicode_forms_give_the_same_term()
    {
        // Composed é (U+00E9) and e + combining acute (U+0301); full-width Latin; mathematical bold letters (outside the BMP).
        Assert.Equal(TextTokens.Tokenize("Café"), TextTokens.Tokenize("Cafe\u0301"));
        Assert.Equal(["api", "key"], TextTokens.Tokenize("ＡＰＩ　Ｋｅｙ"));
        Assert.Equal(["hello"], TextTokens.Tokenize("𝐇𝐞𝐥𝐥𝐨"));
    }

    [Fact]
    public void Scripts_stay_whole()
    {
        // Devanagari vowel signs and virama are combining marks: without them "हिन्दी" would fall apart into single letters.
        Assert.Equal(["हिन्दी", "भाषा"], TextTokens.Tokenize("हिन्दी भाषा"));
        Assert.Equal(["مرحبا", "بالعالم"], TextTokens.Tokenize("مرحبا بالعالم!"));
        Assert.Equal(["שלום", "עולם"], TextTokens.Tokenize("שלום, עולם"));
        Assert.Equal(["我无法登录", "我的账户"], TextTokens.Tokenize("我无法登录，我的账户"));
        // A CJK Extension B pair (surrogate pairs) is one two-letter term; a lone surrogate separates.
        Assert.Equal(["𠀀𠀁"], TextTokens.Tokenize("𠀀𠀁"));
        Assert.Equal(["ab", "cd"], TextTokens.Tokenize("ab\uD800cd"));
        // One letter, whatever the script, is dropped.
        Assert.Empty(TextTokens.Tokenize("猫 x 𠀀 é"));
    }

    [Fact]
    public void The_cap_does_not_split_a_surrogate_pair()
    {
        // 19,996 spaces + two 2-char letters: exactly 20,000 characters, one term.
        Assert.Equal(["𠀀𠀁"], TextTokens.Tokenize(new string(' ', 19_996) + "𠀀𠀁"));
        // One space more: the second letter's high surrogate is the 20,000th character; the half pair is dropped, not
        // decoded as garbage, and the one letter left is too short.
        Assert.Empty(TextTokens.Tokenize(new string(' ', 19_997) + "𠀀𠀁"));
        Assert.Empty(TextTokens.Tokenize(null));
    }
}
