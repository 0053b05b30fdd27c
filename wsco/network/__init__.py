"""The network: matchmaking, introductions and connections between members."""
