package api

import (
	"context"
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

// GetTask returns one task's record.
func (c *Client) GetTask(ctx context.Context, taskID string) (Task, error) {
	if strings.TrimSpace(taskID) == "" {
		return Task{}, invalidArg("task_id", "is empty")
	}
	var t Task
	err := c.call(ctx, c.timeout, http.MethodGet, pathTasks+"/"+url.PathEscape(taskID), nil, nil, &t)
	if err != nil {
		return Task{}, err
	}
	return t, nil
}
