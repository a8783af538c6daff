// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// What Calibra's three services (calibra-board, calibra-finetuner, calibra-nas) and
// their clients share about gRPC with mutual TLS: a failed call's status as a sentence,
// the server's check of the client certificate's name, and a server started with the
// service's certificate, requiring and verifying client certificates.
#include <grpcpp/grpcpp.h>

#include <functional>
#include <memory>
#include <string>

namespace calibra::board {

// "unreachable, or the TLS handshake failed (...)", "refused: ...": the reason a user can
// act on, for the client's error message.
std::string describeStatus(const grpc::Status &status);

// The TLS layer has verified the certificate chain; here its common name must be one
// `allowed` accepts. `client` gets the name (for rate limits and logs).
grpc::Status authorizeClient(grpc::ServerContext *ctx, const std::function<bool(const std::string &)> &allowed,
                             std::string *client = nullptr);

// Binds `listen` (port 0: a free port) with the PEM texts and starts `service`; returns
// the address it listens on, or "" when it cannot (the address in use, or a certificate
// and key that do not match).
std::string startTlsServer(std::unique_ptr<grpc::Server> &server, grpc::Service *service, const std::string &listen,
                           const std::string &caPem, const std::string &certPem, const std::string &keyPem,
                           int maxMessageBytes);

} // namespace calibra::board
