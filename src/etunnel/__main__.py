"""``python -m etunnel`` runs the command-line interface."""

from etunnel.cli import main

main()
