// SPDX-License-Identifier: GPL-3.0-or-later
#include "GrpcTls.h"

#include <grpcpp/security/server_credentials.h>

namespace calibra::board {

std::string describeStatus(const grpc::Status &s)
{
    switch (s.error_code()) {
    case grpc::StatusCode::UNAVAILABLE:
        return "unreachable, or the TLS handshake failed (is the service running, and do both certificates come "
               "from the CA the other side trusts?): "
               + s.error_message();
    case grpc::StatusCode::DEADLINE_EXCEEDED: return "no answer before the deadline";
    case grpc::StatusCode::UNAUTHENTICATED: return "refused the client certificate (" + s.error_message() + ")";
    case grpc::StatusCode::PERMISSION_DENIED: return "refused: " + s.error_message();
    case grpc::StatusCode::RESOURCE_EXHAUSTED: return "over a limit: " + s.error_message();
    case grpc::StatusCode::INVALID_ARGUMENT: return "rejected the request: " + s.error_message();
    case grpc::StatusCode::NOT_FOUND:
    case grpc::StatusCode::FAILED_PRECONDITION: return s.error_message();
    case grpc::StatusCode::CANCELLED: return "cancelled";
    default: return "failed (" + std::to_string(int(s.error_code())) + "): " + s.error_message();
    }
}

grpc::Status authorizeClient(grpc::ServerContext *ctx, const std::function<bool(const std::string &)> &allowed,
                             std::string *client)
{
    const auto auth = ctx->auth_context();
    const auto names = auth ? auth->FindPropertyValues("x509_common_name") : std::vector<grpc::string_ref>{};
    if (names.empty())
        return {grpc::StatusCode::UNAUTHENTICATED, "no client certificate"};
    const std::string name(names.front().data(), names.front().size());
    if (client)
        *client = name;
    if (!allowed(name))
        return {grpc::StatusCode::PERMISSION_DENIED, "client '" + name + "' is not authorized on this service"};
    return grpc::Status::OK;
}

std::string startTlsServer(std::unique_ptr<grpc::Server> &server, grpc::Service *service, const std::string &listen,
                           const std::string &caPem, const std::string &certPem, const std::string &keyPem,
                           int maxMessageBytes)
{
    grpc::SslServerCredentialsOptions tls(GRPC_SSL_REQUEST_AND_REQUIRE_CLIENT_CERTIFICATE_AND_VERIFY);
    tls.pem_root_certs = caPem;
    tls.pem_key_cert_pairs.push_back({keyPem, certPem});
    grpc::ServerBuilder builder;
    int port = 0;
    builder.AddListeningPort(listen, grpc::SslServerCredentials(tls), &port);
    builder.SetMaxReceiveMessageSize(maxMessageBytes);
    builder.SetMaxSendMessageSize(maxMessageBytes);
    builder.RegisterService(service);
    server = builder.BuildAndStart();
    if (!server || port == 0)
        return {};
    return listen.substr(0, listen.rfind(':')) + ":" + std::to_string(port);
}

} // namespace calibra::board
