"""The itinerary optimiser: a team orienteering solver with time windows, and the trip model."""
