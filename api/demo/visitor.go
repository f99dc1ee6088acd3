package demo

import "fmt"

// SeedUser gives userID the same past tasks as the demo user, unless that
// user already has tasks. A server shared by several people (aui-tui
// serve --ssh) calls it for each visitor's own user, so every visitor
// starts from the full demo and never sees another's conversations.
func (s *Server) SeedUser(userID string) error {
	if !s.enter() {
		return fmt.Errorf("the demo server is shutting down")
	}
	defer s.active.Done()
	has, err := s.store.hasTasks(userID)
	if err != nil {
		return fmt.Errorf("read the demo store: %w", err)
	}
	if has {
		return nil
	}
	if err := s.store.seed("seeded-"+userID, seedTasks(s.now(), userID)); err != nil {
		return fmt.Errorf("seed the demo store: %w", err)
	}
	return nil
}
