package api

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"
)

const pathTasks = "/api/v1/external/tasks"

// taskOriginType tells the server where a task was opened; newer SDKs
// require it, older servers ignore it.
const taskOriginType = "api"

// CreateTask opens a new conversation for userID. The returned task carries
// the agent's welcome message and conversation starters when it has them.
func (c *Client) CreateTask(ctx context.Context, userID string) (Task, error) {
	if strings.TrimSpace(userID) == "" {
		return Task{}, invalidArg("user_id", "is empty")
	}
	body := struct {
		UserID         string `json:"user_id"`
		TaskOriginType string `json:"task_origin_type"`
	}{userID, taskOriginType}
	var t Task
	if err := c.call(ctx, c.timeout, http.MethodPost, pathTasks, nil, body, &t); err != nil {
		return Task{}, err
	}
	if t.ID == "" {
		return Task{}, c.badReply(nil, errMissingID)
	}
	return t, nil
}

// ListTasks returns page (1-based) of userID's tasks, size per page. Values
// below 1 mean the API's defaults (page 1, 10 per page).
func (c *Client) ListTasks(ctx context.Context, userID string, page, size int) (TaskPage, error) {
	if strings.TrimSpace(userID) == "" {
		return TaskPage{}, invalidArg("user_id", "is empty")
	}
	if page < 1 {
		page = 1
	}
	if size < 1 {
		size = 10
	}
	q := url.Values{"user_id": {userID}, "page": {strconv.Itoa(page)}, "size": {strconv.Itoa(size)}}
	var p TaskPage
	if err := c.call(ctx, c.timeout, http.MethodGet, pathTasks, q, nil, &p); err != nil {
		return TaskPage{}, err
	}
	// The server may leave these out; the caller asked for them, so echo.
	p.Tasks = nonNil(p.Tasks)
	if p.Page == 0 {
		p.Page = page
	}
	if p.Size == 0 {
		p.Size = size
	}
	return p, nil
}

// ErrUnavailable: the server does not offer an optional call. The task
// record (GetTask) is in AUI's SDKs but not in its documentation, so a
// server may well not have it.
var ErrUnavailable = errors.New("the server does not offer this")

// GetTask returns one task's record. The call is optional (see
// ErrUnavailable): a 404 or 405 answer means the server does not offer it,
// not that the task is unknown, and is reported as ErrUnavailable; the
// documented calls (TaskMessages, ListTasks) are the ones to learn whether
// a task exists.
func (c *Client) GetTask(ctx context.Context, taskID string) (Task, error) {
	if strings.TrimSpace(taskID) == "" {
		return Task{}, invalidArg("task_id", "is empty")
	}
	var t Task
	err := c.call(ctx, c.timeout, http.MethodGet, pathTasks+"/"+url.PathEscape(taskID), nil, nil, &t)
	var ae *APIError
	if errors.As(err, &ae) && (ae.StatusCode == http.StatusNotFound || ae.StatusCode == http.StatusMethodNotAllowed) {
		return Task{}, fmt.Errorf("%w: the task record (%d)", ErrUnavailable, ae.StatusCode)
	}
	if err != nil {
		return Task{}, err
	}
	return t, nil
}

// findPageSize and findPages bound the search of FindTask: up to 2,000 of
// the user's tasks, the newest first.
const (
	findPageSize = 100
	findPages    = 20
)

// FindTask looks for a task's title, welcome message and suggestions. It
// looks first in userID's task list (the documented call; skipped when
// userID is empty), then asks for the optional task record. ok is false
// when neither knows the task; that says nothing about whether it exists.
// err is the first failure of a call other than an optional one being
// unavailable.
func (c *Client) FindTask(ctx context.Context, userID, taskID string) (t Task, ok bool, err error) {
	if strings.TrimSpace(userID) != "" {
		for page := 1; page <= findPages; page++ {
			p, lerr := c.ListTasks(ctx, userID, page, findPageSize)
			if lerr != nil {
				err = lerr
				break
			}
			for _, t := range p.Tasks {
				if t.ID == taskID {
					return t, true, nil
				}
			}
			if len(p.Tasks) == 0 || page >= p.Pages() {
				break
			}
		}
	}
	rec, gerr := c.GetTask(ctx, taskID)
	switch {
	case gerr == nil && rec.ID != "":
		return rec, true, nil
	case gerr != nil && !errors.Is(gerr, ErrUnavailable) && err == nil:
		err = gerr
	}
	return Task{ID: taskID}, false, err
}
