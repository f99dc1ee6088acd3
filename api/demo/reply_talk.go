package demo

import "strings"

// categoryMenu lists what the shop sells, as a markdown list.
const categoryMenu = "- **Microwaves** — built-in, countertop and over-the-range\n" +
	"- **Ovens** — built-in, steam and countertop convection\n" +
	"- **Fridges** — French door, side-by-side, retro and mini\n" +
	"- **Dishwashers** — full size, slimline and countertop\n" +
	"- **Coffee machines** — espresso, bean-to-cup, capsule and drip\n" +
	"- **Washing machines** — front-load and top-load, 6 to 11 kg\n" +
	"- **Vacuum cleaners** — cordless, robot, upright and canister"

// unsupportedReply answers a request for something the shop does not sell.
func unsupportedReply(q request) reply {
	sugg := []string{"Show me your best sellers", "What's on sale right now?"}
	if q.unsupported == "dryers" {
		sugg = append([]string{"Show me washing machines"}, sugg...)
	}
	return reply{
		Text: "Sorry, we don't carry " + q.unsupported + " in this shop. Here's what I can help you with:\n\n" +
			categoryMenu + "\n\nIs any of these what you need?",
		Suggestions: sugg,
	}
}

// helpReply asks what the user is shopping for.
func helpReply() reply {
	return reply{
		Text: "Happy to help! What are you shopping for? I can help with:\n\n" + categoryMenu +
			"\n\nTell me the kind of appliance, your budget and any size you need, and I'll suggest a few.",
		Suggestions: []string{"I need a built-in microwave", "A quiet dishwasher under $700", "Espresso machine under $400"},
	}
}

// greetingReply answers a greeting.
func greetingReply() reply {
	return reply{
		Text:        "Hello! I'm your shopping assistant for home appliances. What are you looking for today?",
		Suggestions: starterSuggestions(),
	}
}

// thanksReply answers thanks.
func thanksReply() reply {
	return reply{
		Text:        "You're welcome! Let me know if there's anything else I can help you find.",
		Suggestions: []string{"Show me your best sellers", "What's on sale right now?", "I need a new dishwasher"},
	}
}

// fallbackReply asks the user to rephrase, with examples that work.
func fallbackReply() reply {
	return reply{
		Text: "I'm not sure I understood that. I can help you find " + strings.ToLower(
			"**microwaves, ovens, fridges, dishwashers, coffee machines, washing machines** and **vacuum cleaners**") +
			" — try telling me what you need, your budget (*\"under $300\"*) or a size (*\"at least 25 liters\"*).",
		Suggestions: []string{"Show me your best sellers", "I need a built-in microwave", "Coffee machines under $300"},
	}
}
