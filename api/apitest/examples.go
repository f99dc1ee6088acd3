package apitest

// The payloads below are copied from AUI's API reference (aui-api.md, the
// section named above each one) character for character where the
// reference gives a whole example ("verbatim"), so the client is tested
// against what the documentation shows rather than against a server that
// agrees with it. Where the reference elides a part ("…", "[…]") or gives
// only a type, the filled-in part is said.

// Key is the documented example key (§2); any other key is refused.
const Key = "API_KEY_01K92N5BD5M7239VRK7YTK4Y6N"

// UserID is the user of the documented create-task example (§3.1), the one
// user with tasks here.
const UserID = "user_123"

// NewTaskID is the id POST /tasks answers with (§3.1).
const NewTaskID = "68e78d0dc5a4b19a030d03d6"

// TranscriptTaskID is a listed task whose transcript holds the documented
// messages. The id is made up in the documented form (24-hex, §9.3).
const TranscriptTaskID = "68f1c2a9e4b0d3a5c7e9f102"

// EmptyTaskID is a listed task with no messages yet and null optional
// fields (made-up id).
const EmptyTaskID = "68f1c2a9e4b0d3a5c7e9f103"

// FlagWord in a user's text makes the server refuse it as content
// moderation does (§5, 400); FailWord makes it fail with the documented
// 500.
const (
	FlagWord = "flagged"
	FailWord = "explode"
)

// exampleCreateTask is §3.1's CreateTaskResponse, verbatim.
const exampleCreateTask = `{"id":"68e78d0dc5a4b19a030d03d6","user_id":"user_123","title":"New Conversation",
 "welcome_message":"Hi! I'm here to help you find the perfect product. What are you looking for today?",
 "followup_suggestions":["Show me your best sellers","I need help choosing a product","What's on sale right now?"]}`

// exampleListedTask is a CreateTaskResponse (§3.1 field table) with the
// nullable fields null (welcome_message string|null, followup_suggestions
// string[]|null) and a field the reference does not list, which a client
// must pass through. Title and id are made up.
const exampleListedTask = `{"id":"68f1c2a9e4b0d3a5c7e9f102","user_id":"user_123","title":"Built-in microwave",` +
	`"welcome_message":null,"followup_suggestions":null,"task_origin_type":"api"}`

// exampleEmptyTask is a listed task with nothing in it yet: title as the
// server names new tasks (§3.1 "New Task"), no welcome message key at all.
const exampleEmptyTask = `{"id":"68f1c2a9e4b0d3a5c7e9f103","user_id":"user_123","title":"New Task","followup_suggestions":[]}`

// exampleUserQuestion is the user's question. Its text is §4's client
// frame example, verbatim; the envelope is §6.1's ExternalTaskMessage with
// the parties of §3.4's G2 example turned round, and G2's timestamp form
// and value.
const exampleUserQuestion = `{"id":"3f0c7a52-9d1e-4b6a-8e21-5c4d9f7b1a60","created_at":"2026-03-09T14:22:01.000Z",` +
	`"text":"I am looking for a built-in microwave with at least 20 liters capacity",` +
	`"sender":{"id":"user_xyz789","type":"user","email":"customer@example.com"},` +
	`"receiver":{"id":"agent_abc123","type":"agent","email":"agent@aui.io"},` +
	`"options":[],"variants_options":[],"followup_suggestions":[]}`

// exampleG1Reply is §3.4's G1 reply, verbatim: the options shape, a
// zone-less timestamp with a space and microseconds, null emails. Its date
// (2025) is before the question's (2026): the documented examples do not
// agree with the order of the conversation, so a client must keep the
// server's order rather than sort by time.
const exampleG1Reply = `{"id":"8af51ed1-0181-4bc8-bbc9-29949b8e26da","created_at":"2025-10-09 12:26:07.576000",
 "text":"The BLACK+DECKER EM044KB19 Over The Range Microwave Oven is ... Would you like me to add this microwave to your cart?",
 "sender":{"id":"intelligent-agent","type":"agent","email":null},
 "receiver":{"id":"user123","type":"user","email":null},
 "options":[{"is_recommended":false,"widget_parameters":[{"title":"Product name","value":"BLACK+DECKER EM044KB19 Over The Range Microwave Oven w…","type":"string"}]}],
 "variants_options":[],"followup_suggestions":["…"]}`

// exampleUserFollowup asks one of G2's follow-up suggestions (§3.4), with
// the Fern timestamp form ("T", no zone; §9.2, value verbatim).
const exampleUserFollowup = `{"id":"c41d2e8f-7a3b-4c5d-9e6f-0a1b2c3d4e5f","created_at":"2025-11-12T14:03:46.984000",` +
	`"text":"Do any of these come in stainless steel?",` +
	`"sender":{"id":"user_xyz789","type":"user","email":null},` +
	`"receiver":{"id":"agent_abc123","type":"agent","email":null},` +
	`"options":[],"variants_options":[],"followup_suggestions":[]}`

// exampleCardsReply is the cards shape (§6.2): the Fern card example
// ("prod_123", name, is_recommended verbatim) with its elided parameters
// filled from §6.1/§6.2 ("Price" "$358.08" is the asyncapi example value),
// sub_entities, self_review, category, query and rendered_jsx as §6.2
// types them, and the later optional message fields (executed_workflows,
// url, trace_info, welcome_message). The timestamp is the asyncapi example
// (§9.2), earlier again than the question it answers. The text is made up
// markdown with bold and a table.
const exampleCardsReply = `{"id":"e7b9a1c3-2d4f-4a6b-8c0d-1e2f3a4b5c6d","created_at":"2025-10-19 13:48:13.764000",` +
	`"text":"Yes: the **Frigidaire Gallery Series GMBS3068BF** comes in *stainless steel*.\n\n` +
	`| | Frigidaire Gallery |\n|---|---|\n| Price | $358.08 |\n| Finish | Black Stainless |\n\n` +
	`See [the product page](https://example.com/products) for details.",` +
	`"sender":{"id":"intelligent-agent","type":"agent","email":null},` +
	`"receiver":{"id":"user_xyz789","type":"user","email":null},` +
	`"cards":[{"id":"prod_123","name":"Frigidaire Gallery Series GMBS3068BF","is_recommended":true,"parameters":[` +
	`{"title":"Price","value":"$358.08","type":"string","param":"price","name":null},` +
	`{"title":"Capacity","value":1.9,"type":"numeric","param":"capacity","name":"Capacity (cu. ft.)"},` +
	`{"title":"Features","value":["Sensor cooking",null,"Air fry"],"type":"list_of_objects","param":"features","name":null},` +
	`{"title":"Warranty","value":null,"type":"string"}],` +
	`"category":"microwaves","query":{},` +
	`"sub_entities":[{"name":"Finish","items":[` +
	`{"parameters":[{"title":"Finish","value":"Black Stainless","type":"string"}],"index":0},` +
	`{"parameters":[{"title":"Finish","value":"Stainless Steel","type":"string"}]}]}],` +
	`"self_review":{"score":{"value":null,"label":"HIGH","method":"LLM"},"type":"WORKFLOW","reasons":["matches the capacity asked for"]},` +
	`"rendered_jsx":null}],` +
	`"followup_suggestions":["What is the price range?","Which one has the best energy rating?"],` +
	`"welcome_message":null,"executed_workflows":["product_search"],"url":null,"trace_info":null}`

// exampleG2Reply is §3.4's G2 example. The reference elides its text
// ("…"), which is filled in here; everything else is verbatim.
const exampleG2Reply = `{"id":"507f1f77bcf86cd799439011","created_at":"2026-03-09T14:22:01.000Z",` +
	`"text":"I found three built-in microwaves with at least 20 liters.",` +
	`"sender":{"id":"agent_abc123","type":"agent","email":"agent@aui.io"},"receiver":{"id":"user_xyz789","type":"user","email":"customer@example.com"},"options":[],"variants_options":[],"followup_suggestions":["What is the price range?","Do any of these come in stainless steel?","Which one has the best energy rating?"]}`

// exampleTranscript is GET /tasks/{id}/messages of TranscriptTaskID (§3.3:
// a bare array of ExternalTaskMessage), in the order of the conversation.
var exampleTranscript = []string{exampleUserQuestion, exampleG1Reply, exampleUserFollowup, exampleCardsReply, exampleG2Reply}

// exampleStreamEnvelope is §4's streaming text update with the full
// envelope, verbatim, including its placeholder timestamp and the pillar
// cut off after "WORK…". Frames of this shape carry chunks, appended.
const exampleStreamEnvelope = `{"channel":{"type":"WEBSOCKET","channel_name":"aeab24b2-a335-4561-976e-40f9c2b7babe",
            "event_name":"thread-message-text-content-updated"},
 "scope":{"type":"LLM_ACTIVATION_EXECUTION","data":{"status":"SUCCESS"},
          "context":{"message_id":"8a37d5ea-2182-46dc-b2ca-87584e23f227","task_id":"68e78d0dc5a4b19a030d03d6",
                     "interaction_id":"68e78d98240f9b18e0f578c8","pillar":"WORK…"}},
 "data":{"text":"I found several built-in microwaves"},
 "timestamp":"<date-time, optional>"}`

// exampleStreamSimple is §4's simplified G2 update; its text is
// cumulative.
const exampleStreamSimple = `{"event":"thread-message-text-content-updated","data":{"text":"…"}}`

// Error bodies of §5, verbatim.
const (
	errorUnauthorized = `{"detail":"Not authenticated"}`
	errorValidation   = `{"detail":[{"loc":["body","task_id"],"msg":"field required","type":"value_error.missing"}]}`
	errorModeration   = `{"status_code":400,"description":"Content moderation triggered","message":"The message was flagged by content moderation.","extra_data":{"moderation_category":"harmful_content","flagged_text":"..."}}`
	errorServer       = `{"status_code":500,"description":"Internal server error","message":"An unexpected error occurred.","extra_data":{}}`
	// errorForbidden is G1's 403 (§5), for another user's task.
	errorForbidden = `{"status_code":403,"errors":["Forbidden"]}`
)

// errorNotFound answers a path the API does not have, or a task it does
// not know. The reference documents no 404 body; this is the framework
// default that the other error bodies ({"detail": …}) come from.
const errorNotFound = `{"detail":"Not Found"}`
