"""Starts moto's server on 127.0.0.1 for private-eks's tests (placeholder: extensions follow)."""

import argparse
import os
import sys
import threading

from werkzeug.serving import make_server

from moto.moto_server.werkzeug_app import DomainDispatcherApplication, MotoRequestHandler, create_backend_app


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=0)
    parser.add_argument("--exit-on-stdin-eof", action="store_true")
    args = parser.parse_args()
    app = DomainDispatcherApplication(create_backend_app)
    server = make_server(args.host, args.port, app, threaded=True, request_handler=MotoRequestHandler)
    port = server.server_address[1]
    os.environ["MOTO_PORT"] = str(port)
    if args.exit_on_stdin_eof:
        def watch() -> None:
            sys.stdin.read()
            os._exit(0)
        threading.Thread(target=watch, daemon=True).start()
    print(f"Running on http://{args.host}:{port} (pid {os.getpid()})", flush=True)
    server.serve_forever()


if __name__ == "__main__":
    main()
