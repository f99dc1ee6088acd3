package api

import (
	"errors"
	"reflect"
	"strings"
	"testing"
)

var allSentinels = []error{ErrUnauthorized, ErrForbidden, ErrNotFound, ErrValidation, ErrBadRequest, ErrServer, ErrTimeout, ErrOffline, ErrBadReply}

// assertOnly checks that err matches want and no other sentinel.
func assertOnly(t *testing.T, err, want error) {
	t.Helper()
	for _, s := range allSentinels {
		if got := errors.Is(err, s); got != (s == want) {
			t.Errorf("errors.Is(%q, %v) = %v", err, s, got)
		}
	}
}

func TestErrorBodies(t *testing.T) {
	tests := []struct {
		name    string
		status  int
		body    string
		want    error
		text    string
		details []ValidationDetail
	}{
		{"401 G2", 401, `{"detail":"Not authenticated"}`, ErrUnauthorized,
			"The API key was rejected (401 Not authenticated)", nil},
		{"401 G1", 401, `{"status_code":401,"errors":["Unauthorized"]}`, ErrUnauthorized,
			"The API key was rejected (401 Unauthorized)", nil},
		{"401 ws-style", 401, `{"status_code":401,"description":"Authentication failed","message":"Invalid API key"}`, ErrUnauthorized,
			"The API key was rejected (401 Authentication failed): Invalid API key", nil},
		{"403 G1", 403, `{"status_code":403,"errors":["Forbidden"]}`, ErrForbidden,
			"The API key has no access to this (403 Forbidden)", nil},
		{"404 detail", 404, `{"detail":"Task not found"}`, ErrNotFound,
			"The server has no such item (404 Task not found)", nil},
		{"404 empty", 404, ``, ErrNotFound, "The server has no such item (404 Not Found)", nil},
		{"422 detail", 422, `{"detail":[{"loc":["body","task_id"],"msg":"field required","type":"value_error.missing"}]}`, ErrValidation,
			"task_id: field required",
			[]ValidationDetail{{Loc: []string{"body", "task_id"}, Msg: "field required", Type: "value_error.missing"}}},
		{"422 errors with integer loc", 422, `{"errors":[{"loc":["body","items",0,"name"],"msg":"field required","type":"missing"},{"loc":["query","size"],"msg":"must be positive","type":"value_error"}]}`, ErrValidation,
			"items.0.name: field required; size: must be positive",
			[]ValidationDetail{{Loc: []string{"body", "items", "0", "name"}, Msg: "field required", Type: "missing"}, {Loc: []string{"query", "size"}, Msg: "must be positive", Type: "value_error"}}},
		{"422 frame form", 422, `{"status_code":422,"description":"Unprocessable Entity","message":"text must not be empty","extra_data":{}}`, ErrValidation,
			"The server did not accept the request (422 Unprocessable Entity): text must not be empty", nil},
		{"400 moderation", 400, `{"status_code":400,"description":"Content moderation triggered","message":"The message was flagged by content moderation.","extra_data":{"moderation_category":"harmful_content","flagged_text":"..."}}`, ErrBadRequest,
			"Content moderation triggered (harmful_content): The message was flagged by content moderation.", nil},
		{"400 bare", 400, `{"status_code":400,"description":"Bad things"}`, ErrBadRequest,
			"The server refused the request (400 Bad things)", nil},
		{"500", 500, `{"status_code":500,"description":"Internal server error","message":"An unexpected error occurred.","extra_data":{}}`, ErrServer,
			"The server had a problem (500 Internal server error): An unexpected error occurred.", nil},
		{"502 html from a proxy", 502, "<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body><center><h1>502 Bad Gateway</h1></center><hr><center>nginx</center></body></html>", ErrServer,
			"The server had a problem (502 Bad Gateway)", nil},
		{"503 html without title", 503, `<html><body>down</body></html>`, ErrServer,
			"The server had a problem (503 Service Unavailable)", nil},
		{"504 plain text", 504, "upstream request timeout\nmore", ErrServer,
			"The server had a problem (504 upstream request timeout)", nil},
		{"429 rate limited", 429, `{"detail":"slow down"}`, ErrRateLimited, "The server is rate limiting requests (429 slow down); wait a moment and try again", nil},
		{"not an object", 500, `["x"]`, ErrServer, "The server had a problem (500 Internal Server Error)", nil},
		{"detail object", 422, `{"detail":{"loc":"text","msg":"too long"}}`, ErrValidation, "text: too long",
			[]ValidationDetail{{Loc: []string{"text"}, Msg: "too long"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := parseErrorBody(tt.status, []byte(tt.body), "")
			if got := e.Error(); got != tt.text {
				t.Errorf("Error() = %q\n want %q", got, tt.text)
			}
			assertOnly(t, e, tt.want)
			if tt.details != nil && !reflect.DeepEqual(e.Details, tt.details) {
				t.Errorf("Details = %#v", e.Details)
			}
			if e.StatusCode != tt.status {
				t.Errorf("StatusCode = %d", e.StatusCode)
			}
		})
	}
}

func TestErrorBodyFieldsKept(t *testing.T) {
	e := parseErrorBody(400, []byte(`{"status_code":400,"description":"Content moderation triggered","message":"m","extra_data":{"moderation_category":"harmful_content","n":[1,"x"]}}`), "")
	if e.Description != "Content moderation triggered" || e.Extra["moderation_category"] != "harmful_content" {
		t.Errorf("%+v", e)
	}
	// A WebSocket error frame carries its status in the body.
	f := parseErrorBody(0, []byte(`{"status_code":"500","description":"Internal server error"}`), "")
	if f.StatusCode != 500 || !errors.Is(f, ErrServer) {
		t.Errorf("status from body: %+v", f)
	}
}

func TestErrorTextIsSafe(t *testing.T) {
	const key = "API_KEY_01K92N5BD5M7239VRK7YTK4Y6N"
	body := `{"status_code":401,"description":"Bad key ` + key + `","message":"\u001b]52;c;aGk=\u0007see wss://x/s?network_api_key=` + key + `&a=1 \u202Eevil","extra_data":{"echo":"` + key + `","deep":[{"k":"` + key + `"}]}}`
	e := parseErrorBody(401, []byte(body), key)
	s := e.Error()
	if strings.Contains(s, key) || strings.Contains(e.Description, key) || strings.Contains(e.Message, key) {
		t.Errorf("key leaked: %q", s)
	}
	if strings.ContainsAny(s, "\x1b\x07\u202e") {
		t.Errorf("control characters kept: %q", s)
	}
	if !strings.Contains(s, "network_api_key=REDACTED&a=1") {
		t.Errorf("URL not redacted: %q", s)
	}
	if e.Extra["echo"] != redacted || e.Extra["deep"].([]any)[0].(map[string]any)["k"] != redacted {
		t.Errorf("extra_data not scrubbed: %v", e.Extra)
	}
	long := parseErrorBody(500, []byte(`{"message":"`+strings.Repeat("x", 5000)+`"}`), "")
	if n := len([]rune(long.Message)); n > maxTextRunes+1 {
		t.Errorf("message not bounded: %d runes", n)
	}
}

func TestLocalAndCloseErrors(t *testing.T) {
	ce := &CloseError{Code: 1008, Reason: "invalid key"}
	assertOnly(t, ce, ErrUnauthorized)
	if ce.Error() != "The server closed the live connection: the API key was rejected (1008 invalid key)" {
		t.Errorf("%q", ce.Error())
	}
	assertOnly(t, &CloseError{Code: 1011}, ErrServer)
	assertOnly(t, &CloseError{Code: 1001}, nil)

	le := localError("The reply was not received", ce)
	if !errors.Is(le, ErrUnauthorized) || errors.Is(le, ErrServer) {
		t.Error("a local error should match its cause")
	}
	if !strings.HasPrefix(le.Error(), "The reply was not received: the server closed") {
		t.Errorf("%q", le.Error())
	}
	if err := invalidArg("task_id", "is empty"); !errors.Is(err, ErrValidation) || err.Error() != "the request was not valid: task_id is empty" {
		t.Errorf("%v", err)
	}
}

func TestLocalErrorReadsAsOneSentence(t *testing.T) {
	cases := map[string]string{
		"The server closed the connection": "The reply was not received: the server closed the connection",
		"API key rejected":                 "The reply was not received: API key rejected",
		"WebSocket gone":                   "The reply was not received: WebSocket gone",
	}
	for cause, want := range cases {
		if got := localError("The reply was not received", errors.New(cause)).Error(); got != want {
			t.Errorf("got %q, want %q", got, want)
		}
	}
}
