"""Exports of an itinerary: GPX, KML, GeoJSON, iCalendar, CSV/XLSX and a printable PDF.

Each format has its own module with one public function that takes an
:class:`~tourroute.core.domain.Itinerary` and a language and returns the file's bytes; none of
them touches the file system or the network, so the web layer decides how to send them.
"""
