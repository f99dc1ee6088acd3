package api

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"errors"
	"io"
	"net"
	"syscall"
)

// NetError is a call that got no HTTP answer: the host could not be reached,
// the connection broke, or the deadline passed. It matches ErrTimeout or
// ErrOffline with errors.Is. Its text names only the host, never the URL, so
// it cannot leak the key the session URL carries.
type NetError struct {
	// Host is host[:port] of the server that could not be reached.
	Host string
	// Reason is a short plain description ("connection refused").
	Reason string

	timeout bool
	cause   error
}

// Error is a plain sentence: "cannot reach data-services.aui.io: connection refused".
func (e *NetError) Error() string {
	if e.timeout {
		return e.Host + " did not answer in time"
	}
	return "cannot reach " + e.Host + ": " + e.Reason
}

// Timeout reports whether the deadline passed.
func (e *NetError) Timeout() bool { return e.timeout }

// Is matches ErrTimeout for deadlines and ErrOffline for everything else.
func (e *NetError) Is(target error) bool {
	switch target {
	case ErrTimeout:
		return e.timeout
	case ErrOffline:
		return !e.timeout
	}
	return false
}

// Unwrap gives the low-level cause (a *net.OpError, *net.DNSError, errno or
// context error) when there is one. The wrappers in between, which print the
// request URL, are left out.
func (e *NetError) Unwrap() error { return e.cause }

// transportError turns an error from an HTTP round trip or WebSocket dial
// into a *NetError. Cancellation by the caller is passed through unchanged as
// context.Canceled: it is not a failure the user needs to hear about.
func transportError(ctx context.Context, err error, host string) error {
	if ctx.Err() == context.Canceled && errors.Is(err, context.Canceled) {
		return context.Canceled
	}
	e := &NetError{Host: host, cause: safeCause(err)}
	var ne net.Error
	switch {
	case errors.Is(err, context.DeadlineExceeded), errors.As(err, &ne) && ne.Timeout():
		e.timeout = true
		e.Reason = "no answer in time"
	default:
		e.Reason = offlineReason(err)
	}
	return e
}

// offlineReason names the common ways a connection fails in a few words.
func offlineReason(err error) string {
	var dns *net.DNSError
	var certErr *tls.CertificateVerificationError
	var unknownCA x509.UnknownAuthorityError
	var hostErr x509.HostnameError
	switch {
	case errors.As(err, &dns):
		if dns.IsNotFound {
			return "host name not found"
		}
		return "host name lookup failed"
	case errors.Is(err, syscall.ECONNREFUSED):
		return "connection refused"
	case errors.Is(err, syscall.ECONNRESET):
		return "connection reset"
	case errors.Is(err, syscall.ENETUNREACH):
		return "network is unreachable"
	case errors.Is(err, syscall.EHOSTUNREACH):
		return "host is unreachable"
	case errors.Is(err, syscall.EPIPE), errors.Is(err, io.EOF), errors.Is(err, io.ErrUnexpectedEOF), errors.Is(err, net.ErrClosed):
		return "the connection closed unexpectedly"
	case errors.As(err, &certErr), errors.As(err, &unknownCA), errors.As(err, &hostErr):
		return "its certificate was not accepted"
	}
	return "network error"
}

// safeCause walks down the wrap chain to the first error that cannot carry a
// URL.
func safeCause(err error) error {
	for e := err; e != nil; e = errors.Unwrap(e) {
		switch e.(type) {
		case *net.OpError, *net.DNSError, syscall.Errno:
			return e
		}
		if e == context.DeadlineExceeded || e == context.Canceled || e == io.EOF || e == io.ErrUnexpectedEOF {
			return e
		}
	}
	return nil
}
