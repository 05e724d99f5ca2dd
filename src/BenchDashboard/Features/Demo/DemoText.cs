namespace BenchDashboard.Features.Demo;

/// <summary>Plausible support-chat text for the demo traces and bench cases, chosen by a seeded random.</summary>
internal static class DemoText
{
    private static readonly Dictionary<string, (string[] Inputs, string[] Outputs)> ByCategory = new()
    {
        ["billing"] = (
            ["Why was I charged twice for order #{0}?", "Can I get an invoice for order #{0} with my company name?", "My card was declined but the money left my account ({1} EUR).", "How do I change the card you bill every month?"],
            ["I'm sorry about that. I can see order #{0}; I've asked billing to refund the duplicate charge of {1} EUR, which takes 3–5 business days.", "You can download the invoice under Orders › #{0} › Invoice; company details can be edited there before downloading."]),
        ["shipping"] = (
            ["Where is my package? Order #{0} was due yesterday.", "Can I change the delivery address for order #{0}?", "Do you ship to Norway, and how long does it take?", "The tracking link for #{0} says 'label created' for 5 days."],
            ["Order #{0} left our warehouse and the carrier expects to deliver it within 2 days. Here is the tracking link.", "I've updated the address for order #{0}; the carrier will use it from the next scan."]),
        ["returns"] = (
            ["How do I return the shoes from order #{0}? They're too small.", "I sent my return two weeks ago, where is my refund of {1} EUR?", "The item in order #{0} arrived broken. Can I get a replacement?"],
            ["You can return items from order #{0} within 30 days. I've emailed you a prepaid label.", "Your return for #{0} was received on Monday; the refund of {1} EUR was issued today."]),
        ["account"] = (
            ["I can't log in, the reset email never arrives.", "How do I delete my account and my data?", "Someone changed my email address without my permission!", "How do I turn on two-factor authentication?"],
            ["I've sent a new reset link; please check your spam folder too. The link is valid for 30 minutes.", "You can delete your account under Settings › Privacy. Your data is erased within 30 days."]),
        ["product questions"] = (
            ["Is the {2} waterproof?", "What's the difference between the {2} and the {2} Pro?", "Does the {2} come with a charger?", "When will the {2} be back in stock?"],
            ["Yes, the {2} is rated IP67: it survives 30 minutes at 1 m depth.", "The {2} comes with a USB-C cable; the charger is sold separately."]),
        [DemoStory.NewCategory] = (
            ["I cancelled my subscription in May but you charged me {1} EUR again!", "Why did my plan renew at a higher price without notice?", "I want a refund for the months I didn't use after cancelling.", "Your promo said 3 months free, now I'm billed {1} EUR. Dispute this."],
            ["Subscriptions renew automatically. You can manage your plan in Settings.", "I understand. Please see our terms of service for renewal pricing."]),
    };

    private static readonly string[] Products = ["TrailRunner 3", "AquaBottle", "Nimbus headphones", "CityBike lock", "Summit jacket"];

    public static string Input(string category, Random rng) => Fill(Pick(ByCategory[category].Inputs, rng), rng);

    public static string Output(string category, Random rng) => Fill(Pick(ByCategory[category].Outputs, rng), rng);

    private static string Pick(string[] options, Random rng) => options[rng.Next(options.Length)];

    private static string Fill(string template, Random rng) =>
        string.Format(System.Globalization.CultureInfo.InvariantCulture, template,
            rng.Next(100_000, 999_999), rng.Next(9, 400), Products[rng.Next(Products.Length)]);
}
