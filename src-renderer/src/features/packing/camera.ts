// The bench camera, through the browser's media API (Electron and web mode alike): is there one,
// and one still photo as JPEG. The camera is opened for the photo and closed right after, so its
// light is on only while a photo is being taken.
export const PHOTO_WIDTH = 1280;
export const PHOTO_HEIGHT = 720;
export const PHOTO_QUALITY = 0.85;
/** A webcam's first frames are often dark while its exposure settles. */
const SETTLE_MS = 300;

export async function hasCamera(): Promise<boolean> {
  const md = typeof navigator !== 'undefined' ? navigator.mediaDevices : undefined;
  if (!md?.enumerateDevices) return false;
  try {
    return (await md.enumerateDevices()).some((d) => d.kind === 'videoinput');
  } catch {
    return false;
  }
}

/** Calls `listener` when a camera is plugged in or out; answers the unsubscribe. */
export function onCameraChange(listener: () => void): () => void {
  const md = typeof navigator !== 'undefined' ? navigator.mediaDevices : undefined;
  if (!md?.addEventListener) return () => undefined;
  md.addEventListener('devicechange', listener);
  return () => md.removeEventListener('devicechange', listener);
}

function blobToBase64(blob: Blob): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result).replace(/^data:[^,]*,/, ''));
    reader.onerror = () => reject(reader.error ?? new Error('read failed'));
    reader.readAsDataURL(blob);
  });
}

/** One photo from the camera as base64 JPEG, with its size. Throws when the camera cannot be opened. */
export async function captureJpeg(): Promise<{ base64: string; width: number; height: number }> {
  const stream = await navigator.mediaDevices.getUserMedia({
    video: { width: { ideal: PHOTO_WIDTH }, height: { ideal: PHOTO_HEIGHT } },
    audio: false,
  });
  try {
    const video = document.createElement('video');
    video.muted = true;
    video.playsInline = true;
    video.srcObject = stream;
    await video.play();
    await new Promise((r) => setTimeout(r, SETTLE_MS));
    const width = video.videoWidth || PHOTO_WIDTH;
    const height = video.videoHeight || PHOTO_HEIGHT;
    const canvas = document.createElement('canvas');
    canvas.width = width;
    canvas.height = height;
    const ctx = canvas.getContext('2d');
    if (!ctx) throw new Error('no 2d canvas');
    ctx.drawImage(video, 0, 0, width, height);
    const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/jpeg', PHOTO_QUALITY));
    if (!blob) throw new Error('the photo could not be encoded');
    return { base64: await blobToBase64(blob), width, height };
  } finally {
    for (const track of stream.getTracks()) track.stop();
  }
}
