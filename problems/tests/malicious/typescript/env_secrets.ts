// verdict: AC
declare function require(name: string): any;
declare var process: any;
declare var Buffer: any;

// attack: read the app's secrets from the environment (AC means none were visible)
function solve(n: number): number {
    if (process.env.DJANGO_SECRET_KEY) return -1;
    if (JSON.stringify(process.env).includes('django')) return -1;
    return n;
}
