/**
 * Asks the browser for a location, and only when the person tapped "share my location".
 * The point is rounded to about 100 m: plenty to find services, less to reveal.
 */

function shareLocation(onPoint: (point: { lat: number; lon: number }) => void, onFail: () => void): void {
  if (!('geolocation' in navigator)) return onFail();
  navigator.geolocation.getCurrentPosition(
    (p) => onPoint({ lat: round3(p.coords.latitude), lon: round3(p.coords.longitude) }),
    () => onFail(),
    { enableHighAccuracy: false, timeout: 30_000, maximumAge: 300_000 },
  );
}

function round3(x: number): number {
  return Math.round(x * 1000) / 1000;
}
