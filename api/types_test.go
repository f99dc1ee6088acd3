package api

import (
	"encoding/json"
	"strings"
	"testing"
	"time"
)

// Payload examples reproduced from aui-api.md.
const (
	g1Message = `{"id":"8af51ed1-0181-4bc8-bbc9-29949b8e26da","created_at":"2025-10-09 12:26:07.576000",
 "text":"The BLACK+DECKER EM044KB19 Over The Range Microwave Oven is ... Would you like me to add this microwave to your cart?",
 "sender":{"id":"intelligent-agent","type":"agent","email":null},
 "receiver":{"id":"user123","type":"user","email":null},
 "options":[{"is_recommended":false,"widget_parameters":[{"title":"Product name","value":"BLACK+DECKER EM044KB19 Over The Range Microwave Oven w…","type":"string"}]}],
 "variants_options":[],"followup_suggestions":["…"]}`

	g2Message = `{"id":"507f1f77bcf86cd799439011","created_at":"2026-03-09T14:22:01.000Z","text":"Here are three options.",
 "sender":{"id":"agent_abc123","type":"agent","email":"agent@aui.io"},"receiver":{"id":"user_xyz789","type":"user","email":"customer@example.com"},
 "options":[],"variants_options":[],"followup_suggestions":["What is the price range?","Do any of these come in stainless steel?","Which one has the best energy rating?"]}`

	cardsMessage = `{"id":"msg-1","created_at":"2025-11-12T14:03:46.984000","text":"Found one.",
 "sender":{"id":"a","type":"agent"},"receiver":{"id":"u","type":"user","email":null},
 "cards":[{"id":"prod_123","name":"Frigidaire Gallery Series GMBS3068BF","is_recommended":true,"category":"microwave",
   "parameters":[{"title":"Price","value":"$358.08","type":"string","param":"price","name":null},
                 {"title":"Capacity","value":30,"type":"numeric"},
                 {"title":"Colors","value":["black",null,"steel"],"type":"array"},
                 {"title":"Rating","value":null,"type":"numeric"}],
   "sub_entities":[{"name":"Finish","items":[{"parameters":[{"title":"Color","value":"Black","type":"string"}],"index":0},
                                              {"parameters":[{"title":"Color","value":"Stainless","type":"string"}]}]}],
   "self_review":{"score":{"value":null,"label":"HIGH","method":"LLM"},"type":"WORKFLOW"},"query":{}}],
 "followup_suggestions":["Compare prices"]}`

	createTaskResponse = `{"id":"68e78d0dc5a4b19a030d03d6","user_id":"user_123","title":"New Conversation",
 "welcome_message":"Hi! I'm here to help you find the perfect product. What are you looking for today?",
 "followup_suggestions":["Show me your best sellers","I need help choosing a product","What's on sale right now?"]}`
)

func TestDecodeMessageOptionsShape(t *testing.T) {
	var m Message
	if err := json.Unmarshal([]byte(g1Message), &m); err != nil {
		t.Fatal(err)
	}
	if m.ID != "8af51ed1-0181-4bc8-bbc9-29949b8e26da" || !m.FromAgent() || m.Sender.Email != nil || m.Receiver.Type != ActorUser {
		t.Errorf("parties/id wrong: %+v", m)
	}
	want := time.Date(2025, 10, 9, 12, 26, 7, 576000000, time.UTC)
	if !m.CreatedAt.Equal(want) {
		t.Errorf("created_at = %v, want %v", m.CreatedAt.Time, want)
	}
	if len(m.Options) != 1 || m.Options[0].IsRecommended || m.Options[0].WidgetParameters[0].Title != "Product name" {
		t.Fatalf("options = %+v", m.Options)
	}
	if m.VariantsOptions == nil || len(m.VariantsOptions) != 0 || m.Cards != nil {
		t.Errorf("variants %v cards %v", m.VariantsOptions, m.Cards)
	}
	products, variants := m.Products()
	if len(products) != 1 || !strings.HasPrefix(products[0].Name, "BLACK+DECKER") || len(products[0].Parameters) != 0 || len(variants) != 0 {
		t.Errorf("Products() = %+v / %+v", products, variants)
	}
	if string(m.Raw) != g1Message {
		t.Error("Raw does not hold the received bytes")
	}
}

func TestDecodeMessageG2(t *testing.T) {
	var m Message
	if err := json.Unmarshal([]byte(g2Message), &m); err != nil {
		t.Fatal(err)
	}
	if m.Sender.Email == nil || *m.Sender.Email != "agent@aui.io" || *m.Receiver.Email != "customer@example.com" {
		t.Errorf("emails: %+v %+v", m.Sender, m.Receiver)
	}
	if !m.CreatedAt.Equal(time.Date(2026, 3, 9, 14, 22, 1, 0, time.UTC)) {
		t.Errorf("created_at = %v", m.CreatedAt.Time)
	}
	if len(m.FollowupSuggestions) != 3 {
		t.Errorf("suggestions = %v", m.FollowupSuggestions)
	}
}

func TestDecodeMessageCardsShape(t *testing.T) {
	var m Message
	if err := json.Unmarshal([]byte(cardsMessage), &m); err != nil {
		t.Fatal(err)
	}
	if len(m.Cards) != 1 {
		t.Fatalf("cards = %+v", m.Cards)
	}
	c := m.Cards[0]
	if c.ID != "prod_123" || !c.IsRecommended || c.Category != "microwave" || len(c.Parameters) != 4 {
		t.Errorf("card = %+v", c)
	}
	wantValues := []string{"$358.08", "30", "black, steel", ""}
	for i, w := range wantValues {
		if got := c.Parameters[i].Value.String(); got != w {
			t.Errorf("param %d value = %q, want %q", i, got, w)
		}
	}
	if !c.Parameters[3].Value.IsNull() || c.Parameters[0].Param != "price" || c.Parameters[0].Name != nil {
		t.Errorf("param fields wrong: %+v", c.Parameters)
	}
	if len(c.SubEntities) != 1 || len(c.SubEntities[0].Items) != 2 || c.SubEntities[0].Items[0].Index == nil || c.SubEntities[0].Items[1].Index != nil {
		t.Errorf("sub_entities = %+v", c.SubEntities)
	}
	// Arrays absent from the cards shape decode as empty, never nil.
	if m.Options == nil || m.VariantsOptions == nil {
		t.Error("missing options arrays should decode as empty slices")
	}
	if !m.CreatedAt.Equal(time.Date(2025, 11, 12, 14, 3, 46, 984000000, time.UTC)) {
		t.Errorf("created_at = %v", m.CreatedAt.Time)
	}
	products, _ := m.Products()
	if len(products) != 1 || products[0].Name != "Frigidaire Gallery Series GMBS3068BF" {
		t.Errorf("Products() = %+v", products)
	}
}

func TestDecodeMessageMissingAndNullFields(t *testing.T) {
	for name, body := range map[string]string{
		"missing arrays": `{"id":"m","created_at":"2025-10-19 13:48:13.764000","text":"hi","sender":{"id":"a","type":"agent"},"receiver":{"id":"u","type":"user"}}`,
		"null arrays":    `{"id":"m","created_at":null,"text":"hi","sender":{"id":"a","type":"agent","email":null},"receiver":null,"options":null,"variants_options":null,"followup_suggestions":null}`,
	} {
		t.Run(name, func(t *testing.T) {
			var m Message
			if err := json.Unmarshal([]byte(body), &m); err != nil {
				t.Fatal(err)
			}
			if m.Options == nil || m.VariantsOptions == nil || m.FollowupSuggestions == nil {
				t.Errorf("nil slices: %+v", m)
			}
		})
	}
}

func TestParamValues(t *testing.T) {
	tests := []struct {
		json   string
		want   string
		isNull bool
	}{
		{`"$358.08"`, "$358.08", false},
		{`358.08`, "358.08", false},
		{`20`, "20", false},
		{`1e3`, "1e3", false},
		{`["a","b"]`, "a, b", false},
		{`["a",null,"c"]`, "a, c", false},
		{`[]`, "", false},
		{`null`, "", true},
		{`true`, "true", false},
		{`{"k":"v"}`, `{"k":"v"}`, false},
	}
	for _, tt := range tests {
		var p Parameter
		if err := json.Unmarshal([]byte(`{"title":"X","value":`+tt.json+`,"type":"string"}`), &p); err != nil {
			t.Fatalf("%s: %v", tt.json, err)
		}
		if got := p.Value.String(); got != tt.want {
			t.Errorf("%s: String() = %q, want %q", tt.json, got, tt.want)
		}
		if p.Value.IsNull() != tt.isNull {
			t.Errorf("%s: IsNull() = %v", tt.json, p.Value.IsNull())
		}
	}
	var missing Parameter
	if err := json.Unmarshal([]byte(`{"title":"X"}`), &missing); err != nil || !missing.Value.IsNull() {
		t.Errorf("missing value should be null: %v", err)
	}
	if StringValue("x").String() != "x" || NumberValue(2.5).String() != "2.5" || ListValue("a", "b").String() != "a, b" {
		t.Error("constructors do not round-trip")
	}
}

func TestTimestampForms(t *testing.T) {
	utc := func(y int, mo time.Month, d, h, mi, s, ns int) time.Time {
		return time.Date(y, mo, d, h, mi, s, ns, time.UTC)
	}
	tests := []struct {
		json string
		want time.Time
	}{
		{`"2025-10-09 12:26:07.576000"`, utc(2025, 10, 9, 12, 26, 7, 576000000)},
		{`"2025-10-19 13:48:13.764000"`, utc(2025, 10, 19, 13, 48, 13, 764000000)},
		{`"2025-11-12T14:03:46.984000"`, utc(2025, 11, 12, 14, 3, 46, 984000000)},
		{`"2026-03-09T14:22:01.000Z"`, utc(2026, 3, 9, 14, 22, 1, 0)},
		{`"2026-03-09T14:22:01Z"`, utc(2026, 3, 9, 14, 22, 1, 0)},
		{`"2026-03-09T16:22:01+02:00"`, utc(2026, 3, 9, 14, 22, 1, 0)},
		{`"2025-10-09 12:26:07"`, utc(2025, 10, 9, 12, 26, 7, 0)},
		{`"2025-10-09"`, utc(2025, 10, 9, 0, 0, 0, 0)},
		{`1700000000`, time.Unix(1700000000, 0)},
		{`1700000000000`, time.Unix(1700000000, 0)},
		{`null`, time.Time{}},
		{`"yesterday"`, time.Time{}},
		{`true`, time.Time{}},
	}
	for _, tt := range tests {
		var ts Timestamp
		if err := json.Unmarshal([]byte(tt.json), &ts); err != nil {
			t.Errorf("%s: %v", tt.json, err)
			continue
		}
		if !ts.Equal(tt.want) {
			t.Errorf("%s: got %v, want %v", tt.json, ts.Time, tt.want)
		}
	}
	// A received string is written back unchanged.
	var ts Timestamp
	_ = json.Unmarshal([]byte(`"2025-10-09 12:26:07.576000"`), &ts)
	if b, _ := json.Marshal(ts); string(b) != `"2025-10-09 12:26:07.576000"` {
		t.Errorf("round trip = %s", b)
	}
	if b, _ := json.Marshal(NewTimestamp(utc(2026, 1, 2, 3, 4, 5, 0))); string(b) != `"2026-01-02T03:04:05.000Z"` {
		t.Errorf("NewTimestamp marshals as %s", b)
	}
}

func TestDecodeTasks(t *testing.T) {
	var task Task
	if err := json.Unmarshal([]byte(createTaskResponse), &task); err != nil {
		t.Fatal(err)
	}
	if task.ID != "68e78d0dc5a4b19a030d03d6" || task.Title != "New Conversation" || !strings.HasPrefix(task.WelcomeMessage, "Hi!") || len(task.FollowupSuggestions) != 3 {
		t.Errorf("task = %+v", task)
	}
	var bare Task
	if err := json.Unmarshal([]byte(`{"id":"t","user_id":"u","title":"New Task","welcome_message":null,"followup_suggestions":null}`), &bare); err != nil {
		t.Fatal(err)
	}
	if bare.WelcomeMessage != "" || bare.FollowupSuggestions == nil {
		t.Errorf("null fields: %+v", bare)
	}
	var page TaskPage
	if err := json.Unmarshal([]byte(`{"tasks":[`+createTaskResponse+`],"total":24,"page":2,"size":10}`), &page); err != nil {
		t.Fatal(err)
	}
	if len(page.Tasks) != 1 || page.Pages() != 3 || page.Page != 2 {
		t.Errorf("page = %+v, pages %d", page, page.Pages())
	}
	if (TaskPage{}).Pages() != 1 {
		t.Error("an empty listing has one page")
	}
}
